#pragma once
// The saved-file containers opened natively (CLI, native tests, fuzzers): .keras zips with
// libzip, HDF5 files with libhdf5, both from memory. Compiled only in the native build
// (CMakeLists.txt); the page opens the same containers with fflate and h5wasm and hands their
// contents to saved_model.hpp, which holds every rule about Keras's layouts.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/import/saved/saved_model.hpp"

namespace padlab {

// Every group's string attributes and every float/integer dataset (as float32) of an HDF5 file
// image. `with_data` false: shapes only, no dataset read. ArgumentError for a file libhdf5
// cannot open or walk (HDF5's own messages are silenced), LimitError when its datasets exceed
// kMaxSavedTotalBytes as float32.
//
// libhdf5 runs in a child process (hdf5_isolated.hpp): Debian's libhdf5 1.10.8 can crash,
// over-read or hang on a corrupt file before PadLab sees it, and then that becomes an error
// naming `name` instead. This FORKS the calling process: see hdf5_isolated.hpp for what that
// asks of a multi-threaded caller.
H5Contents read_h5_image(const std::uint8_t* bytes, std::size_t size, bool with_data = true,
                         std::string_view name = "the HDF5 file");

// Where read_h5_image_in_process hands the datasets when they are not to be kept in its result:
// the child of read_h5_image streams them to its parent. Per dataset, in the walk's order:
// array(), then (`elements` > 0) part() calls whose `n` add up to `elements`, in row-major order.
class H5ArraySink {
public:
    virtual ~H5ArraySink() = default;
    virtual void array(const std::string& path, const Shape& shape, std::size_t elements) = 0;
    virtual void part(const float* data, std::size_t n) = 0;
};

// The same walk with libhdf5 in this process: what the child of read_h5_image runs, and what
// the fuzzers call (libFuzzer must see libhdf5's own faults). `sink` set: the datasets go to it,
// read a slab of rows at a time, and the result's `arrays` stays empty.
H5Contents read_h5_image_in_process(const std::uint8_t* bytes, std::size_t size, bool with_data = true,
                                    H5ArraySink* sink = nullptr);

// The two halves of read_h5_image_in_process. check_h5_image: PadLab's own checks, before
// libhdf5 sees the bytes (too short; a global heap collection libhdf5 1.10.8 loops on), run in
// the parent so the child touches only the pages libhdf5 reads (a summary reads no weights).
// walk_h5_image: libhdf5's walk, only ever after check_h5_image.
void check_h5_image(const std::uint8_t* bytes, std::size_t size);
H5Contents walk_h5_image(const std::uint8_t* bytes, std::size_t size, bool with_data, H5ArraySink* sink);

// Where a .keras archive's model.weights.h5 is read: a child process (read_h5_image, every
// caller's default) or this one (read_h5_image_in_process: the zip fuzzer).
enum class Hdf5Process { Child, InProcess };

// A .keras archive: config.json (at most kMaxSavedConfigBytes), metadata.json and, when
// `with_weights`, model.weights.h5. Refuses corrupt or truncated zips, entry names that leave
// the archive ("../x", "/x", "C:x", "\\"), and more than kMaxSavedTotalBytes uncompressed (by
// the declared sizes and by the bytes actually inflated). `filename` names the file in the
// errors of the weights' reader process.
SavedModel read_keras_zip(const std::uint8_t* bytes, std::size_t size, bool with_weights = true,
                          std::string_view filename = "the .keras archive", Hdf5Process hdf5 = Hdf5Process::Child);

// detect_saved_file, then read_keras_zip or legacy_h5_model(read_h5_image(...)), HDF5 in a
// child process (it forks, see read_h5_image). JSON / text
// files are not containers: ArgumentError (import_model reads them; a TF.js model.json is
// tfjs_model with its shards, which only the caller can find).
SavedModel read_saved_file(const std::uint8_t* bytes, std::size_t size, std::string_view filename,
                           bool with_weights = true);

}  // namespace padlab
