# rehearse_add_plugin(<target>
#     MANIFEST <plugin.json>            # {"id","version","name","author","description","kinds":[...]}
#     [SOURCES <file.cpp>...]            # your plugin class and REHEARSE_PLUGIN(...); none = content only
#     [CONTENT <file.json>...]           # rehearse.content/1 documents, registered before init()
#     [OUTPUT_DIRECTORY <dir>])          # default: REHEARSE_PLUGIN_OUTPUT_DIRECTORY or the current binary dir
#
# Builds a MODULE library named <target>.so with hidden visibility and `-z defs`, so the only
# exported symbol is the entry point and an unresolved symbol fails the link, not the user's load.
# The same function builds the bundled plugins and a coach's out-of-tree plugin.

# Cached so the function finds its script from any directory scope it is called in.
set(_REHEARSE_SDK_CMAKE_DIR "${CMAKE_CURRENT_LIST_DIR}" CACHE INTERNAL "Rehearse SDK CMake folder")

function(rehearse_add_plugin target)
  cmake_parse_arguments(ARG "" "MANIFEST;OUTPUT_DIRECTORY" "SOURCES;CONTENT" ${ARGN})
  if(NOT ARG_MANIFEST)
    message(FATAL_ERROR "rehearse_add_plugin(${target}): MANIFEST is required")
  endif()
  get_filename_component(manifest "${ARG_MANIFEST}" ABSOLUTE)
  file(READ "${manifest}" manifest_text)
  foreach(key id version name kinds)
    string(JSON value ERROR_VARIABLE json_error GET "${manifest_text}" ${key})
    if(json_error)
      message(FATAL_ERROR "rehearse_add_plugin(${target}): ${manifest}: ${json_error}")
    endif()
  endforeach()

  set(content "")
  foreach(file IN LISTS ARG_CONTENT)
    get_filename_component(abs "${file}" ABSOLUTE)
    list(APPEND content "${abs}")
  endforeach()
  if(ARG_SOURCES)
    set(content_only OFF)
  else()
    set(content_only ON)
  endif()

  set(generated "${CMAKE_CURRENT_BINARY_DIR}/${target}_embedded.cpp")
  # A list cannot cross the command line intact; "|" stands in for its separator.
  string(REPLACE ";" "|" content_arg "${content}")
  add_custom_command(
    OUTPUT "${generated}"
    COMMAND "${CMAKE_COMMAND}" "-DOUTPUT=${generated}" "-DMANIFEST=${manifest}" "-DCONTENT=${content_arg}"
            "-DCONTENT_ONLY=${content_only}" -P "${_REHEARSE_SDK_CMAKE_DIR}/rehearse_embed.cmake"
    DEPENDS "${manifest}" ${content} "${_REHEARSE_SDK_CMAKE_DIR}/rehearse_embed.cmake"
            "${_REHEARSE_SDK_CMAKE_DIR}/rehearse_embed_bytes.cmake"
    COMMENT "Embedding manifest and content of plugin ${target}"
    VERBATIM)

  add_library(${target} MODULE ${ARG_SOURCES} "${generated}")
  target_link_libraries(${target} PRIVATE Rehearse::sdk)
  target_compile_features(${target} PRIVATE cxx_std_17)
  if(ARG_OUTPUT_DIRECTORY)
    set(out "${ARG_OUTPUT_DIRECTORY}")
  elseif(REHEARSE_PLUGIN_OUTPUT_DIRECTORY)
    set(out "${REHEARSE_PLUGIN_OUTPUT_DIRECTORY}")
  else()
    set(out "${CMAKE_CURRENT_BINARY_DIR}")
  endif()
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY "${out}")
  target_link_options(${target} PRIVATE "LINKER:-z,defs")
endfunction()
