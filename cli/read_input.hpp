#pragma once
// Reading a model source for a subcommand: a file, or standard input for "-".
#include <string>

namespace padlab::cli {

// The input could not be read at all (as opposed to a model error, which is a padlab::Error).
struct InputError {
    std::string message;
};

// The whole text of `file` ("-": standard input), at most 16 MiB (model sources are a few KB;
// refusing huge input keeps a stray binary file from eating memory). Throws InputError.
std::string read_input(const std::string& file);

}  // namespace padlab::cli
