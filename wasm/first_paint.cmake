# First paint of the playground (issue 16): after every build of the site, rewrite
# ${PADLAB_WEB_DIR}/index.html in place between its markers (wasm/write_first_paint.mjs):
# preloads for the wasm, the glue and the page's static module graph. Idempotent, so it runs
# each time padlab_site builds (a custom target is always out of date; the step takes well
# under a second).
add_custom_command(TARGET padlab_site POST_BUILD
  COMMAND ${PADLAB_NODE} ${CMAKE_CURRENT_SOURCE_DIR}/write_first_paint.mjs ${PADLAB_WEB_DIR}
  COMMENT "site: index.html preloads (wasm/write_first_paint.mjs)"
  VERBATIM)
