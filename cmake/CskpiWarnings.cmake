# cskpi_set_warnings(target): the project's warning set, PRIVATE so consumers never inherit -Werror.
function(cskpi_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE
      -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wold-style-cast
      -Wnon-virtual-dtor -Woverloaded-virtual -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough
      "$<$<CXX_COMPILER_ID:GNU>:-Wduplicated-cond;-Wlogical-op>"
      # GCC 12 at -O2/-O3 warns -Wrestrict inside libstdc++'s std::string operator+ (GCC bug
      # 105329, a false positive): keep the warning, but never as an error.
      "$<$<CXX_COMPILER_ID:GNU>:-Wno-error=restrict>"
      "$<$<BOOL:${CSKPI_WARNINGS_AS_ERRORS}>:-Werror>")
  endif()
endfunction()
