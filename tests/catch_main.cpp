// The Catch2 main lives alone so that it compiles once (TOOLCHAIN.md §7).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
