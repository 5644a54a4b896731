# cskpi_set_warnings(target): the project's warning set, PRIVATE so consumers never inherit -Werror.
function(cskpi_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE
      -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wold-style-cast
      -Wnon-virtual-dtor -Woverloaded-virtual -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough
      "$<$<CXX_COMPILER_ID:GNU>:-Wduplicated-cond;-Wlogical-op>"
      "$<$<BOOL:${CSKPI_WARNINGS_AS_ERRORS}>:-Werror>")
  endif()
endfunction()
