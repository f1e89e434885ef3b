#include "cli/read_input.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace padlab::cli {

namespace {

// Model sources are a few KB; refusing huge input keeps a stray binary file from eating memory.
constexpr std::size_t kMaxInputBytes = std::size_t(16) << 20;

std::string read_stream(std::istream& in, const std::string& what) {
    std::string text;
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        text.append(buf, static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMaxInputBytes) {
            throw InputError{"cannot read " + what + ": larger than " +
                             std::to_string(kMaxInputBytes >> 20) + " MiB"};
        }
    }
    if (in.bad()) throw InputError{"cannot read " + what + ": " + std::strerror(errno)};
    return text;
}

}  // namespace

std::string read_input(const std::string& file) {
    if (file == "-") return read_stream(std::cin, "standard input");
    const std::string what = "'" + file + "'";
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) throw InputError{"cannot read " + what + ": it is a directory"};
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError{"cannot read " + what + ": " + std::strerror(errno)};
    return read_stream(in, what);
}

}  // namespace padlab::cli
