# Install rules, the exported CMake package (find_package(cskpi)) and cskpi.pc.
include(CMakePackageConfigHelpers)
set(CSKPI_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/cskpi)

install(TARGETS cskpi EXPORT cskpiTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET cskpi_cli)
  install(TARGETS cskpi_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/cskpi ${PROJECT_BINARY_DIR}/include/cskpi
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT cskpiTargets NAMESPACE cskpi:: DESTINATION ${CSKPI_CMAKE_DIR})
export(EXPORT cskpiTargets NAMESPACE cskpi:: FILE ${PROJECT_BINARY_DIR}/cskpiTargets.cmake)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/cskpiConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cskpiConfig.cmake INSTALL_DESTINATION ${CSKPI_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/cskpiConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/cskpiConfig.cmake ${PROJECT_BINARY_DIR}/cskpiConfigVersion.cmake
  DESTINATION ${CSKPI_CMAKE_DIR})

foreach(kind LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${kind}}")
    set(CSKPI_PC_${kind} "${CMAKE_INSTALL_${kind}}")
  elseif(kind STREQUAL "LIBDIR")
    set(CSKPI_PC_${kind} "\${exec_prefix}/${CMAKE_INSTALL_${kind}}")
  else()
    set(CSKPI_PC_${kind} "\${prefix}/${CMAKE_INSTALL_${kind}}")
  endif()
endforeach()
# The prefix relative to the installed cskpi.pc (${pcfiledir}, a pkg-config builtin), so that
# `cmake --install --prefix P` gives a cskpi.pc that names P, not the configure-time prefix.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(CSKPI_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH pc_to_prefix "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
  set(CSKPI_PC_PREFIX "\${pcfiledir}/${pc_to_prefix}")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/cskpi.pc.in ${PROJECT_BINARY_DIR}/cskpi.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/cskpi.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
