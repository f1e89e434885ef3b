# First paint of the playground (issue 16): after every build of the site, bundle the page's
# modules into playground/app.bundle.js and the embeds' into padlab-embed.js, and minify the
# Emscripten glue (wasm/bundle_site.mjs, esbuild), then rewrite
# ${PADLAB_WEB_DIR}/index.html in place (wasm/write_first_paint.mjs): the bundle's tag, the
# preloads of the wasm and its glue, and both panes pre-rendered with this build's engine.
# Both are idempotent, so they run each time padlab_site builds (a custom target is always out
# of date; the steps take about a second).
add_custom_command(TARGET padlab_site POST_BUILD
  COMMAND ${PADLAB_NODE} ${CMAKE_CURRENT_SOURCE_DIR}/bundle_site.mjs ${PADLAB_WEB_DIR}
  COMMAND ${PADLAB_NODE} ${CMAKE_CURRENT_SOURCE_DIR}/write_first_paint.mjs ${PADLAB_WEB_DIR}
  COMMENT "site: playground and embed bundles, minified glue, index.html first paint (wasm/bundle_site.mjs, wasm/write_first_paint.mjs)"
  VERBATIM)
