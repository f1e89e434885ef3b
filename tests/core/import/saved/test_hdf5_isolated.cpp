// libhdf5 in a child process (core/import/saved/hdf5_isolated.cpp): the same contents as in this
// process, the child's failures reported as errors naming the file, this process unharmed.
// Native build only (CMakeLists.txt).
#include "core/import/saved/hdf5_isolated.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <new>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <hdf5.h>

#include "core/base/errors.hpp"
#include "core/import/saved/saved_file_native.hpp"
#include "tests/core/import/import_test_helpers.hpp"
#include "tests/core/import/saved/saved_test_fixtures.hpp"

using namespace padlab;
using padlab::test::expect_error;
using padlab::test::saved_fixture;

namespace {

const std::uint8_t* as_bytes(const std::string& s) { return reinterpret_cast<const std::uint8_t*>(s.data()); }

// The good fixture read in a child whose `fault` runs first: the error it ends in.
template <class E>
std::string fault_message(void (*fault)(int), Hdf5ChildLimits limits = {}) {
    const std::string bytes = saved_fixture("cnn_tfkeras215.h5");
    limits.child_fault = fault;
    return expect_error<E>([&] { (void)read_h5_in_child(as_bytes(bytes), bytes.size(), true, "model.h5", limits); }).message;
}

// No child of this process left running or unreaped.
bool no_children_left() { return waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD; }

void require_same(const H5Contents& a, const H5Contents& b) {
    CHECK(a.attributes == b.attributes);
    CHECK(a.groups == b.groups);
    REQUIRE(a.arrays.size() == b.arrays.size());
    for (std::size_t i = 0; i < a.arrays.size(); ++i) {
        INFO(a.arrays[i].path);
        CHECK(a.arrays[i].path == b.arrays[i].path);
        CHECK(a.arrays[i].shape == b.arrays[i].shape);
        CHECK(a.arrays[i].data == b.arrays[i].data);
    }
}

// A file written here with libhdf5, its datasets large enough to cross the pipe in several
// slabs (read_slabs reads ~4 MiB at a time): "big" (3000, 700) float32 in slabs of 1497, 1497
// and 6 rows; "chunked" 1.5M float64, chunked and deflated; "scalar" one int32.
std::string written_h5() {
    char path[] = "/tmp/padlab_test_hdf5_isolated_XXXXXX";
    const int fd = mkstemp(path);
    REQUIRE(fd >= 0);
    close(fd);
    const hid_t f = H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    REQUIRE(f >= 0);
    std::vector<float> big(3000 * 700);
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<float>(i % 1009) * 0.25f;
    const hsize_t big_dims[2] = {3000, 700};
    hid_t space = H5Screate_simple(2, big_dims, nullptr);
    hid_t ds = H5Dcreate2(f, "big", H5T_IEEE_F32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    CHECK(H5Dwrite(ds, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, big.data()) >= 0);
    H5Dclose(ds);
    H5Sclose(space);
    std::vector<double> chunked(1500000);
    for (std::size_t i = 0; i < chunked.size(); ++i) chunked[i] = static_cast<double>(i) * 0.5;
    const hsize_t n = chunked.size(), chunk = 65536;
    space = H5Screate_simple(1, &n, nullptr);
    const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    CHECK(H5Pset_chunk(dcpl, 1, &chunk) >= 0);
    CHECK(H5Pset_deflate(dcpl, 1) >= 0);
    ds = H5Dcreate2(f, "chunked", H5T_IEEE_F64LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    CHECK(H5Dwrite(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, chunked.data()) >= 0);
    H5Dclose(ds);
    H5Pclose(dcpl);
    H5Sclose(space);
    const int seven = 7;
    space = H5Screate(H5S_SCALAR);
    ds = H5Dcreate2(f, "scalar", H5T_STD_I32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    CHECK(H5Dwrite(ds, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, &seven) >= 0);
    H5Dclose(ds);
    H5Sclose(space);
    H5Fclose(f);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::remove(path);
    return bytes.str();
}

}  // namespace

TEST_CASE("read_h5_in_child: large, chunked, float64 and scalar datasets stream in slabs, unchanged", "[saved]") {
    const std::string bytes = written_h5();
    const H5Contents child = read_h5_in_child(as_bytes(bytes), bytes.size(), true, "written.h5");
    require_same(child, read_h5_image_in_process(as_bytes(bytes), bytes.size()));
    REQUIRE(child.arrays.size() == 3);
    CHECK(child.arrays[0].path == "big");
    CHECK(child.arrays[0].shape == Shape{3000, 700});
    CHECK(child.arrays[0].data.at(2999 * 700 + 699) == static_cast<float>((2999 * 700 + 699) % 1009) * 0.25f);
    CHECK(child.arrays[1].path == "chunked");
    CHECK(child.arrays[1].data.at(1499999) == 749999.5f);
    CHECK(child.arrays[2].path == "scalar");
    CHECK(child.arrays[2].shape == Shape{});
    CHECK(child.arrays[2].data == std::vector<float>{7.0f});
}

TEST_CASE("read_h5_in_child: the same contents as libhdf5 in this process", "[saved]") {
    for (const char* name : {"cnn_tfkeras215.h5", "cnn_keras3_legacy.h5", "hostile_weights_only.weights.h5"}) {
        INFO(name);
        const std::string bytes = saved_fixture(name);
        for (const bool with_data : {true, false}) {
            const H5Contents child = read_h5_in_child(as_bytes(bytes), bytes.size(), with_data, name);
            require_same(child, read_h5_image_in_process(as_bytes(bytes), bytes.size(), with_data));
            // conv2d kernel 3x3x1x4, bias 4; dense kernel 64x3, bias 3 (make_fixtures.py): the 235
            // params, all four datasets streamed
            CHECK(child.arrays.size() == 4);
            std::size_t floats = 0;
            for (const H5Array& a : child.arrays) floats += a.data.size();
            CHECK(floats == (with_data ? 235u : 0u));
        }
    }
    CHECK(no_children_left());
}

TEST_CASE("read_h5_in_child: PadLab's own errors come back with their type and text", "[saved]") {
    const std::string corrupt = saved_fixture("hostile_corrupt.h5");
    const std::string in_process =
        expect_error<ArgumentError>([&] { (void)read_h5_image_in_process(as_bytes(corrupt), corrupt.size()); }).message;
    CHECK_THAT(in_process, Catch::StartsWith("The HDF5 file is corrupt or truncated"));
    CHECK(expect_error<ArgumentError>([&] { (void)read_h5_in_child(as_bytes(corrupt), corrupt.size(), true, "x.h5"); })
              .message == in_process);
    CHECK(expect_error<ArgumentError>([&] { (void)read_h5_in_child(as_bytes(corrupt), 4, true, "x.h5"); }).message ==
          "The HDF5 file is corrupt or truncated (too short): libhdf5 cannot read it.");
}

TEST_CASE("read_h5_in_child: libhdf5's over-read on a corrupt attribute name is an error naming the file", "[saved]") {
    // Found by fuzz_saved_h5 (tests/fuzz/libhdf5_bugs/README.md): under ASan, libhdf5 1.10.8
    // over-reads the heap in H5Aiterate2 -> H5A__compact_build_table -> H5MM_xstrdup before any
    // check of PadLab's, and the child dies of the report (exit status 1); without ASan the
    // over-read goes unseen and libhdf5 then fails, or PadLab's walk refuses what it got. Either
    // way one ArgumentError, and this process is intact.
    const std::string bytes = saved_fixture("libhdf5_attr_name_overread.h5");
    const std::string message = expect_error<ArgumentError>([&] {
                                    (void)read_saved_file(as_bytes(bytes), bytes.size(), "model.h5");
                                }).message;
    const bool child_died = message.rfind("model.h5: the HDF5 library failed reading this file (it is corrupt): ", 0) == 0;
    const bool refused = message.rfind("The HDF5 file is corrupt or truncated (", 0) == 0;
    INFO(message);
    CHECK((child_died || refused));
    if (!hdf5_child_address_space_capped()) {  // the sanitizer build: ASan's report ended the child
        CHECK_THAT(message, Catch::StartsWith("model.h5: the HDF5 library failed reading this file (it is corrupt): its "
                                              "reader process exited with status 1 before it finished"));
    }
    // ...and the next read works.
    const std::string good = saved_fixture("cnn_tfkeras215.h5");
    test::require_fixture_weights(read_saved_file(as_bytes(good), good.size(), "cnn_tfkeras215.h5").weights);
    CHECK(no_children_left());
}

TEST_CASE("read_h5_in_child: a child that crashes or exits early is reported, not propagated", "[saved]") {
    CHECK(fault_message<ArgumentError>([](int) { std::abort(); }) ==
          "model.h5: the HDF5 library failed reading this file (it is corrupt): its reader process crashed (signal 6, "
          "Aborted).");
    CHECK_THAT(fault_message<ArgumentError>([](int) { _exit(3); }),
               Catch::StartsWith("model.h5: the HDF5 library failed reading this file (it is corrupt): its reader "
                                 "process exited with status 3 before it finished"));
    // A record no child writes (a dataset of rank 99): refused before anything is allocated.
    CHECK(fault_message<ArgumentError>([](int fd) {
              const char tag = 'D';
              const std::uint64_t fields[] = {0, 99};
              (void)!write(fd, &tag, 1);
              (void)!write(fd, fields, sizeof fields);
              _exit(0);
          }) == "model.h5: the HDF5 library failed reading this file (it is corrupt): its reader process sent malformed data.");
    // A dataset of 2 floats sent as a part of 3.
    CHECK(fault_message<ArgumentError>([](int fd) {
              const char array = 'D', part = 'P';
              const std::uint64_t header[] = {0, 1, 2, 2}, three = 3;
              (void)!write(fd, &array, 1);
              (void)!write(fd, header, sizeof header);
              (void)!write(fd, &part, 1);
              (void)!write(fd, &three, sizeof three);
              _exit(0);
          }) == "model.h5: the HDF5 library failed reading this file (it is corrupt): its reader process sent malformed data.");
    // libhdf5 failing between a dataset's parts: the walk's error, as thrown in the child.
    CHECK(fault_message<ArgumentError>([](int fd) {
              const char array = 'D', part = 'P', error = 'E';
              const std::uint64_t header[] = {0, 1, 4, 4}, two = 2, kind = 13, message = 4;
              const float floats[2] = {1, 2};
              (void)!write(fd, &array, 1);
              (void)!write(fd, header, sizeof header);
              (void)!write(fd, &part, 1);
              (void)!write(fd, &two, sizeof two);
              (void)!write(fd, floats, sizeof floats);
              (void)!write(fd, &error, 1);
              (void)!write(fd, &kind, sizeof kind);
              (void)!write(fd, "ArgumentError", 13);
              (void)!write(fd, &message, sizeof message);
              (void)!write(fd, "bad!", 4);
              _exit(0);
          }) == "bad!");
    CHECK(no_children_left());
}

TEST_CASE("read_h5_in_child: a child that stops responding is killed after the silence timeout", "[saved]") {
    Hdf5ChildLimits limits;
    limits.silence = std::chrono::milliseconds(200);
    const auto t0 = std::chrono::steady_clock::now();
    CHECK(fault_message<LimitError>([](int) {
              for (;;) pause();
          }, limits) ==
          "model.h5: the HDF5 library made no progress reading this file for 200 ms (a corrupt file it loops on?): stopped.");
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
    CHECK(no_children_left());
}

TEST_CASE("read_h5_in_child: a child past its CPU or memory cap is stopped", "[saved]") {
    Hdf5ChildLimits limits;
    limits.cpu_seconds = 1;
    limits.silence = std::chrono::seconds(20);  // the CPU cap, not the silence, must end it
    CHECK(fault_message<LimitError>([](int) {
              for (volatile unsigned long spin = 0;; spin = spin + 1) {
              }
          }, limits) ==
          "model.h5: the HDF5 library used more than 1 s of CPU reading this file (a corrupt file it loops on?): stopped.");
    if (hdf5_child_address_space_capped()) {  // not under ASan (hdf5_isolated.hpp)
        Hdf5ChildLimits small;
        small.extra_address_space = std::size_t(64) << 20;
        CHECK(fault_message<LimitError>([](int) {
                  static std::vector<char*> kept;  // never touched: address space, not memory
                  for (;;) kept.push_back(new char[std::size_t(1) << 28]);
              }, small) ==
              "model.h5: reading this HDF5 file needs more memory than its reader process may use (64 MiB): refused.");
    }
    CHECK(no_children_left());
}
