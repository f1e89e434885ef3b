#include <catch2/catch.hpp>

#include "core/base/suggest.hpp"

using padlab::closest_name;
using padlab::did_you_mean;
using padlab::name_distance;

TEST_CASE("name_distance weighs case 1, an edit 2, an adjacent swap 2", "[base][suggest]") {
    CHECK(name_distance("Conv2d", "Conv2D") == 1);
    CHECK(name_distance("kernal_size", "kernel_size") == 2);
    CHECK(name_distance("smae", "same") == 2);
    CHECK(name_distance("activaton", "activation") == 2);
    CHECK(name_distance("", "abc") == 6);
    CHECK(name_distance("same", "same") == 0);
    CHECK(name_distance("valid", "same") > 4);
}

TEST_CASE("closest_name suggests within Python's limit and never the word itself", "[base][suggest]") {
    const std::vector<std::string_view> classes = {"Conv1D", "Conv2D", "Conv3D", "Dense", "Conv2DTranspose"};
    CHECK(closest_name("Conv2d", classes) == std::optional<std::string_view>("Conv2D"));
    CHECK(closest_name("conv2d", classes) == std::optional<std::string_view>("Conv2D"));
    CHECK(closest_name("Dens", classes) == std::optional<std::string_view>("Dense"));
    CHECK(closest_name("Dense", {"Dense"}) == std::nullopt);
    CHECK(closest_name("Transformer", classes) == std::nullopt);
    const std::vector<std::string_view> paddings = {"valid", "same", "causal"};
    CHECK(closest_name("smae", paddings) == std::optional<std::string_view>("same"));
    CHECK(closest_name("vaild", paddings) == std::optional<std::string_view>("valid"));
    CHECK(closest_name("full", paddings) == std::nullopt);
}

TEST_CASE("with_suggestion appends the sentence only for a near miss", "[base][suggest]") {
    CHECK(padlab::with_suggestion("Received: smae", "smae", {"valid", "same"}) == "Received: smae. Did you mean 'same'?");
    CHECK(padlab::with_suggestion("Received: xyz", "xyz", {"valid", "same"}) == "Received: xyz");
}

TEST_CASE("did_you_mean is a sentence or nothing", "[base][suggest]") {
    CHECK(did_you_mean("kernal_size", {"filters", "kernel_size", "strides"}) == " Did you mean 'kernel_size'?");
    CHECK(did_you_mean("zzz", {"filters", "kernel_size"}).empty());
}
