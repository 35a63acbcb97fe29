# Shared by the scripts that embed files into C++ sources (rehearse_embed.cmake for plugins, and the
# application's own cmake/embed_files.cmake): bytes rather than string literals, so no file content
# can ever close a literal early, and an output rewritten only when it changed.

# Sets `var` to the bytes of `file` as a C++ initializer list, "0x..,0x..,".
function(rehearse_embed_bytes file var)
  file(READ "${file}" hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  set(${var} "${bytes}" PARENT_SCOPE)
endfunction()

# Writes `body` to `output` unless it already holds exactly that, so an unchanged input recompiles nothing.
function(rehearse_write_if_changed output body)
  if(EXISTS "${output}")
    file(READ "${output}" previous)
    if(previous STREQUAL body)
      return()
    endif()
  endif()
  file(WRITE "${output}" "${body}")
endfunction()
