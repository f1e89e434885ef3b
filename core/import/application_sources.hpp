#pragma once
// The Keras Applications builders (core/import/applications/*.py) as the library carries them:
// cmake/embed_applications.cmake generates their definition at build time.
#include <string_view>
#include <vector>

namespace padlab::applications {

struct EmbeddedSource {
    std::string_view module;  // the file name without ".py": "resnet", "imagenet_utils"
    std::string_view text;    // the builder's Python source
};

// Every builder, sorted by module name.
const std::vector<EmbeddedSource>& embedded_sources();

}  // namespace padlab::applications
