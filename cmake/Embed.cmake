# nestmap_embed(TARGET NAME FILES... BASE DIR)
# Turns text files into a generated C++ source holding them as string views,
# so that data/, shaders/ and the SQL schema travel inside the binary.
# The generated table is looked up with `findEmbedded<NAME>("relative/path")`.
function(nestmap_embed target name)
  cmake_parse_arguments(ARG "" "BASE" "FILES" ${ARGN})
  set(out_cpp ${CMAKE_CURRENT_BINARY_DIR}/${name}_embedded.cpp)
  add_custom_command(
    OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_cpp} -DNAME=${name} -DBASE=${ARG_BASE}
            "-DFILES=${ARG_FILES}" -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
    DEPENDS ${ARG_FILES} ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
    COMMENT "Embedding ${name}"
    VERBATIM)
  target_sources(${target} PRIVATE ${out_cpp})
endfunction()
