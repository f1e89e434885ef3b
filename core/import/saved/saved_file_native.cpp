// .keras zips through libzip and HDF5 files through libhdf5, from memory (saved_file_native.hpp);
// libhdf5 in a child process for every caller but the fuzzers (hdf5_isolated.cpp).
// No C++ exception crosses a C callback: the HDF5 attribute iteration only collects names.
#include "core/import/saved/saved_file_native.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include <hdf5.h>
#include <zip.h>

#include "core/base/errors.hpp"
#include "core/import/saved/hdf5_isolated.hpp"

namespace padlab {

namespace {

// ---------------------------------------------------------------- HDF5

template <herr_t (*Close)(hid_t)>
struct H5Handle {
    hid_t id = -1;
    explicit H5Handle(hid_t h) : id(h) {}
    H5Handle(const H5Handle&) = delete;
    H5Handle& operator=(const H5Handle&) = delete;
    ~H5Handle() {
        if (id >= 0) Close(id);
    }
    explicit operator bool() const { return id >= 0; }
};
using H5File = H5Handle<H5Fclose>;
using H5Object = H5Handle<H5Oclose>;
using H5Attr = H5Handle<H5Aclose>;
using H5Type = H5Handle<H5Tclose>;
using H5Space = H5Handle<H5Sclose>;

constexpr int kMaxH5Depth = 32;
constexpr std::size_t kMaxH5Objects = 100000;
constexpr hssize_t kMaxAttributeItems = 1 << 20;

struct H5Walk {
    H5Contents out;
    bool with_data;
    H5ArraySink* sink;  // nullptr: keep the arrays in `out`
    std::size_t objects = 0;
    std::size_t float_bytes = 0;
};

[[noreturn]] void h5_fail(const std::string& what) {
    throw ArgumentError("The HDF5 file is corrupt or truncated (" + what + "): libhdf5 cannot read it.");
}

// Read-only file image callbacks over the caller's buffer: no copy, nothing freed (what
// H5LTopen_file_image does with DONT_COPY | DONT_RELEASE, whose hdf5_hl 1.10 leaks 72 bytes per open).
struct ImageBuffer {
    void* data;
    std::size_t size;
};
void* image_malloc(std::size_t size, H5FD_file_image_op_t, void* udata) {
    auto* b = static_cast<ImageBuffer*>(udata);
    return size == b->size ? b->data : nullptr;
}
void* image_memcpy(void* dest, const void* src, std::size_t size, H5FD_file_image_op_t, void* udata) {
    auto* b = static_cast<ImageBuffer*>(udata);
    if (dest == src && dest == b->data && size == b->size) return dest;  // the image handed over, not copied
    return nullptr;
}
void* image_realloc(void*, std::size_t, H5FD_file_image_op_t, void*) { return nullptr; }  // read-only
herr_t image_free(void*, H5FD_file_image_op_t, void*) { return 0; }  // the caller owns the buffer
void* udata_copy(void* udata) { return udata; }
herr_t udata_free(void*) { return 0; }
hid_t open_image(ImageBuffer& b) {
    const hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
    if (fapl < 0) return -1;
    H5FD_file_image_callbacks_t cb = {image_malloc, image_memcpy, image_realloc, image_free, udata_copy, udata_free, &b};
    hid_t file = -1;
    if (H5Pset_fapl_core(fapl, 65536, 0) >= 0 && H5Pset_file_image_callbacks(fapl, &cb) >= 0 &&
        H5Pset_file_image(fapl, b.data, b.size) >= 0) {
        char name[64];
        std::snprintf(name, sizeof name, "padlab_image_%p", b.data);
        file = H5Fopen(name, H5F_ACC_RDONLY, fapl);
    }
    H5Pclose(fapl);
    return file;
}

// libhdf5 1.10.8 loops forever reading a variable-length string from a global heap collection
// ("GCOL", H5HGcache.c) whose free-space object has size 0 (found by fuzz_saved_h5). Every
// collection is checked first the way its deserializer walks it: objects of 16-byte header +
// 8-aligned size, the free space (index 0) spanning the rest; a collection that does not walk
// cleanly makes the file refused.
bool global_heaps_walk(const std::uint8_t* b, std::size_t n) {
    const auto u16 = [&](std::size_t at) { return std::uint32_t(b[at]) | (std::uint32_t(b[at + 1]) << 8); };
    const auto u64 = [&](std::size_t at) {
        std::uint64_t v = 0;
        for (int k = 7; k >= 0; --k) v = (v << 8) | b[at + static_cast<std::size_t>(k)];
        return v;
    };
    for (std::size_t i = 0; i + 16 <= n; ++i) {
        if (std::memcmp(b + i, "GCOL", 4) != 0 || b[i + 4] != 1) continue;
        const std::uint64_t size = u64(i + 8);
        if (size < 16 || size > n - i) return false;
        const std::size_t end = i + static_cast<std::size_t>(size);
        std::size_t p = i + 16;
        while (p + 16 <= end) {
            const std::uint32_t idx = u16(p);
            const std::uint64_t osz = u64(p + 8);
            if (idx == 0) {  // free space: the rest of the collection
                if (osz < 16 || osz > end - p) return false;
                break;
            }
            if (osz > end - p) return false;
            const std::uint64_t need = 16 + ((osz + 7) / 8) * 8;
            if (need > end - p) return false;
            p += static_cast<std::size_t>(need);
        }
    }
    return true;
}

herr_t collect_attribute_name(hid_t, const char* name, const H5A_info_t*, void* names) {
    static_cast<std::vector<std::string>*>(names)->push_back(name);
    return 0;
}

// A string attribute's items (fixed or variable length, h5py writes bytes as the first and str
// as the second); other attributes: nullopt.
std::optional<std::vector<std::string>> read_string_attribute(hid_t attr) {
    const H5Type type(H5Aget_type(attr));
    if (!type) h5_fail("attribute type");
    if (H5Tget_class(type.id) != H5T_STRING) return std::nullopt;
    const H5Space space(H5Aget_space(attr));
    if (!space) h5_fail("attribute space");
    const hssize_t n = H5Sget_simple_extent_npoints(space.id);
    if (n < 0 || n > kMaxAttributeItems) h5_fail("attribute size");
    std::vector<std::string> items;
    const htri_t variable = H5Tis_variable_str(type.id);
    if (variable < 0) h5_fail("attribute string type");
    if (variable > 0) {
        const H5Type mem(H5Tcopy(H5T_C_S1));
        if (!mem || H5Tset_size(mem.id, H5T_VARIABLE) < 0 || H5Tset_cset(mem.id, H5Tget_cset(type.id)) < 0)
            h5_fail("string type");
        std::vector<char*> buf(static_cast<std::size_t>(n), nullptr);
        if (H5Aread(attr, mem.id, buf.data()) < 0) h5_fail("attribute read");
        std::size_t total = 0;
        for (char* s : buf) {
            const std::size_t len = s ? strnlen(s, kMaxSavedConfigBytes + 1) : 0;
            total += len;
            if (total <= kMaxSavedConfigBytes + 1) items.emplace_back(s ? s : "", len);
        }
#if H5_VERSION_GE(1, 12, 0)
        H5Treclaim(mem.id, space.id, H5P_DEFAULT, buf.data());
#else
        H5Dvlen_reclaim(mem.id, space.id, H5P_DEFAULT, buf.data());
#endif
        if (total > kMaxSavedConfigBytes) {
            throw ArgumentError("An HDF5 string attribute is larger than " + std::to_string(kMaxSavedConfigBytes >> 20) +
                                " MiB: refused.");
        }
    } else {
        const std::size_t size = H5Tget_size(type.id);
        if (size == 0) h5_fail("string size");
        if (size > (kMaxSavedConfigBytes + 1) / static_cast<std::size_t>(n ? n : 1)) {
            throw ArgumentError("An HDF5 string attribute is larger than " + std::to_string(kMaxSavedConfigBytes >> 20) +
                                " MiB: refused.");
        }
        std::vector<char> buf(size * static_cast<std::size_t>(n));
        const H5Type mem(H5Tcopy(type.id));
        if (!mem || H5Aread(attr, mem.id, buf.data()) < 0) h5_fail("attribute read");
        for (hssize_t k = 0; k < n; ++k) {
            const char* s = buf.data() + static_cast<std::size_t>(k) * size;
            items.emplace_back(s, strnlen(s, size));
        }
    }
    return items;
}

void read_attributes(hid_t obj, const std::string& path, H5Walk& walk) {
    std::vector<std::string> names;
    hsize_t idx = 0;
    if (H5Aiterate2(obj, H5_INDEX_NAME, H5_ITER_INC, &idx, collect_attribute_name, &names) < 0) h5_fail("attributes");
    for (const std::string& name : names) {
        const H5Attr attr(H5Aopen(obj, name.c_str(), H5P_DEFAULT));
        if (!attr) h5_fail("attribute '" + name + "'");
        if (auto items = read_string_attribute(attr.id)) walk.out.attributes[path + "@" + name] = std::move(*items);
    }
}

// A dataset handed to a sink in slabs of whole rows (the first axis), about 4 MiB each: the
// child never holds a large dataset whole, only the parent that keeps it does.
void read_slabs(hid_t ds, hid_t file_space, int rank, const hsize_t* dims, std::size_t elements, const std::string& path,
                H5ArraySink& sink) {
    constexpr std::size_t kSlabFloats = std::size_t(1) << 20;
    const std::size_t row = rank > 0 && dims[0] > 0 ? elements / static_cast<std::size_t>(dims[0]) : elements;
    const hsize_t rows = rank > 0 ? dims[0] : 1;
    const hsize_t per_slab = rank > 0 ? std::max<hsize_t>(1, kSlabFloats / row) : 1;
    std::vector<float> slab(static_cast<std::size_t>(std::min<hsize_t>(per_slab, rows)) * row);
    for (hsize_t first = 0; first < rows; first += per_slab) {
        const hsize_t count = std::min(per_slab, rows - first);
        const std::size_t n = static_cast<std::size_t>(count) * row;
        herr_t read = -1;
        if (rank == 0) {
            read = H5Dread(ds, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, slab.data());
        } else {
            hsize_t start[32] = {}, extent[32] = {};
            start[0] = first;
            extent[0] = count;
            for (int k = 1; k < rank; ++k) extent[k] = dims[k];
            const hsize_t flat = n;
            const H5Space memory(H5Screate_simple(1, &flat, nullptr));
            if (memory && H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, nullptr, extent, nullptr) >= 0)
                read = H5Dread(ds, H5T_NATIVE_FLOAT, memory.id, file_space, H5P_DEFAULT, slab.data());
        }
        if (read < 0) h5_fail("dataset '" + path + "'");
        sink.part(slab.data(), n);
    }
}

void read_dataset(hid_t ds, const std::string& path, H5Walk& walk) {
    const H5Type type(H5Dget_type(ds));
    if (!type) h5_fail("dataset type");
    const H5T_class_t cls = H5Tget_class(type.id);
    if (cls != H5T_FLOAT && cls != H5T_INTEGER) return;  // strings, opaque (bfloat16), compounds: not weights
    const H5Space space(H5Dget_space(ds));
    if (!space) h5_fail("dataset space");
    const int rank = H5Sget_simple_extent_ndims(space.id);
    if (rank < 0 || rank > 32) h5_fail("dataset rank");
    hsize_t dims[32] = {};
    if (H5Sget_simple_extent_dims(space.id, dims, nullptr) < 0) h5_fail("dataset dims");
    H5Array a;
    a.path = path;
    std::size_t elements = 1;
    for (int k = 0; k < rank; ++k) {
        if (dims[k] > (kMaxSavedTotalBytes / 4) || (dims[k] && elements > (kMaxSavedTotalBytes / 4) / dims[k]))
            throw LimitError("The HDF5 dataset '" + path + "' is larger than " + std::to_string(kMaxSavedTotalBytes >> 20) + " MiB.");
        elements *= static_cast<std::size_t>(dims[k]);
        a.shape.push_back(static_cast<std::int64_t>(dims[k]));
    }
    walk.float_bytes += elements * 4;
    if (walk.float_bytes > kMaxSavedTotalBytes)
        throw LimitError("The HDF5 file's weights are larger than " + std::to_string(kMaxSavedTotalBytes >> 20) + " MiB as float32.");
    if (walk.sink) {
        walk.sink->array(path, a.shape, walk.with_data ? elements : 0);
        if (walk.with_data && elements > 0) read_slabs(ds, space.id, rank, dims, elements, path, *walk.sink);
        return;
    }
    if (walk.with_data && elements > 0) {
        a.data.resize(elements);
        if (H5Dread(ds, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, a.data.data()) < 0)
            h5_fail("dataset '" + path + "'");
    }
    walk.out.arrays.push_back(std::move(a));
}

void walk_group(hid_t group, const std::string& path, int depth, H5Walk& walk) {
    if (depth > kMaxH5Depth) h5_fail("groups nested deeper than " + std::to_string(kMaxH5Depth));
    read_attributes(group, path, walk);
    H5G_info_t info;
    if (H5Gget_info(group, &info) < 0) h5_fail("group '" + path + "'");
    for (hsize_t i = 0; i < info.nlinks; ++i) {
        const ssize_t len = H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
        if (len < 0 || len > 65536) h5_fail("link name");
        std::string name(static_cast<std::size_t>(len), '\0');
        if (H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size() + 1, H5P_DEFAULT) < 0)
            h5_fail("link name");
        // Only hard links: soft and external links could point anywhere, other files included.
        H5L_info_t link;
        if (H5Lget_info(group, name.c_str(), &link, H5P_DEFAULT) < 0) h5_fail("link '" + name + "'");
        if (link.type != H5L_TYPE_HARD) continue;
        if (++walk.objects > kMaxH5Objects) h5_fail("more than " + std::to_string(kMaxH5Objects) + " objects");
        const H5Object obj(H5Oopen(group, name.c_str(), H5P_DEFAULT));
        if (!obj) h5_fail("object '" + name + "'");
        const std::string child = path.empty() ? name : path + "/" + name;
        switch (H5Iget_type(obj.id)) {
            case H5I_GROUP:
                walk.out.groups.push_back(child);
                walk_group(obj.id, child, depth + 1, walk);
                break;
            case H5I_DATASET:
                read_attributes(obj.id, child, walk);
                read_dataset(obj.id, child, walk);
                break;
            default:
                break;
        }
    }
}

// ---------------------------------------------------------------- zip

struct ZipArchive {
    zip_t* za = nullptr;
    ~ZipArchive() {
        if (za) zip_discard(za);
    }
};

struct ZipFile {
    zip_file_t* f = nullptr;
    ~ZipFile() {
        if (f) zip_fclose(f);
    }
};

// "../x", "/x", "a/../../x", "C:x", "\\x": an entry a careless extractor writes outside its folder.
bool leaves_archive(const std::string& name) {
    if (name.empty() || name[0] == '/' || name.find('\\') != std::string::npos || name.find('\0') != std::string::npos)
        return true;
    if (name.size() >= 2 && name[1] == ':') return true;
    std::size_t start = 0;
    while (start <= name.size()) {
        const std::size_t end = std::min(name.find('/', start), name.size());
        if (name.compare(start, end - start, "..") == 0 && end - start == 2) return true;
        start = end + 1;
    }
    return false;
}

std::string read_entry(zip_t* za, zip_uint64_t index, const std::string& name, std::size_t cap, std::size_t& total) {
    // The declared size bounds the read too: an entry that inflates past it lies (a zip bomb).
    std::optional<std::size_t> declared;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(za, index, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) declared = static_cast<std::size_t>(st.size);
    ZipFile file;
    file.f = zip_fopen_index(za, index, 0);
    if (!file.f) {
        throw ArgumentError("The .keras archive's entry '" + name + "' cannot be read (" + zip_strerror(za) +
                            "): the zip is corrupt or truncated.");
    }
    std::string out;
    if (declared) out.reserve(std::min(*declared, cap));
    char buf[65536];
    for (;;) {
        const std::size_t want = declared ? std::min<std::size_t>(sizeof buf, *declared + 1 - std::min(out.size(), *declared)) : sizeof buf;
        const zip_int64_t got = zip_fread(file.f, buf, want);
        if (got < 0) {
            throw ArgumentError("The .keras archive's entry '" + name + "' is corrupt (" + zip_file_strerror(file.f) + ").");
        }
        if (got == 0) break;
        out.append(buf, static_cast<std::size_t>(got));
        total += static_cast<std::size_t>(got);
        if (declared && out.size() > *declared) {
            throw ArgumentError("The .keras archive's " + name + " inflates to more than the " + std::to_string(*declared) +
                                " bytes its header declares: refused (a zip bomb, or a corrupt zip).");
        }
        // Stop at the cap whatever the header declared: a lying header inflates no further.
        if (out.size() > cap) {
            throw ArgumentError("The .keras archive's " + name + " inflates to more than " + std::to_string(cap >> 20) +
                                " MiB: refused (a zip bomb, or not a model saved by Keras).");
        }
        if (total > kMaxSavedTotalBytes) {
            throw ArgumentError("The .keras archive inflates to more than " + std::to_string(kMaxSavedTotalBytes >> 20) +
                                " MiB: refused.");
        }
    }
    return out;
}

}  // namespace

H5Contents read_h5_image(const std::uint8_t* bytes, std::size_t size, bool with_data, std::string_view name) {
    return read_h5_in_child(bytes, size, with_data, name);
}

void check_h5_image(const std::uint8_t* bytes, std::size_t size) {
    if (size < 8) h5_fail("too short");
    if (!global_heaps_walk(bytes, size)) h5_fail("a global heap collection is corrupt");
}

H5Contents read_h5_image_in_process(const std::uint8_t* bytes, std::size_t size, bool with_data,
                                    H5ArraySink* sink) {
    check_h5_image(bytes, size);
    return walk_h5_image(bytes, size, with_data, sink);
}

H5Contents walk_h5_image(const std::uint8_t* bytes, std::size_t size, bool with_data, H5ArraySink* sink) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // libhdf5 prints its error stack otherwise
    // Read-only, not copied, not freed: the image lives in the caller's buffer for the call.
    ImageBuffer image{const_cast<std::uint8_t*>(bytes), size};
    const H5File file(open_image(image));
    if (!file) h5_fail("cannot open");
    const H5Object root(H5Oopen(file.id, "/", H5P_DEFAULT));
    if (!root) h5_fail("no root group");
    H5Walk walk{H5Contents{}, with_data, sink};
    walk_group(root.id, "", 0, walk);
    return std::move(walk.out);
}

SavedModel read_keras_zip(const std::uint8_t* bytes, std::size_t size, bool with_weights, std::string_view filename,
                          Hdf5Process hdf5) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes, size, 0, &error);
    if (!source) {
        zip_error_fini(&error);
        throw ArgumentError("The .keras archive cannot be opened.");
    }
    ZipArchive archive;
    archive.za = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!archive.za) {
        zip_source_free(source);
        const std::string why = zip_error_strerror(&error);
        zip_error_fini(&error);
        throw ArgumentError("The .keras archive is not a valid zip file (" + why + "): it is corrupt or truncated.");
    }
    zip_error_fini(&error);
    const zip_int64_t n = zip_get_num_entries(archive.za, 0);
    if (n < 0 || n > 100000) throw ArgumentError("The .keras archive lists an impossible number of entries.");
    zip_int64_t config = -1, metadata = -1, weights = -1;
    std::size_t declared = 0;
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(archive.za, static_cast<zip_uint64_t>(i), 0, &st) < 0 || !(st.valid & ZIP_STAT_NAME))
            throw ArgumentError("The .keras archive's entry " + std::to_string(i) + " cannot be read: the zip is corrupt.");
        const std::string name = st.name;
        if (leaves_archive(name)) {
            throw ArgumentError("The .keras archive has an entry named '" + name +
                                "' that points outside the archive: refused (not a file Keras writes).");
        }
        if (st.valid & ZIP_STAT_SIZE) {
            if (st.size > kMaxSavedTotalBytes || declared + st.size > kMaxSavedTotalBytes)
                throw ArgumentError("The .keras archive declares more than " + std::to_string(kMaxSavedTotalBytes >> 20) +
                                    " MiB uncompressed: refused.");
            declared += static_cast<std::size_t>(st.size);
            if (name == "config.json" && st.size > kMaxSavedConfigBytes)
                throw ArgumentError("The .keras archive's config.json is larger than " +
                                    std::to_string(kMaxSavedConfigBytes >> 20) + " MiB: refused.");
        }
        if (name == "config.json") config = i;
        if (name == "metadata.json") metadata = i;
        if (name == "model.weights.h5") weights = i;
    }
    if (config < 0) {
        throw ArgumentError(std::string("The zip archive has no config.json, so it is not a Keras model file") +
                            (weights >= 0 ? " (it holds only weights)" : "") + ". Save the model with model.save(\"model.keras\").");
    }
    std::size_t total = 0;
    const std::string config_json = read_entry(archive.za, static_cast<zip_uint64_t>(config), "config.json", kMaxSavedConfigBytes, total);
    std::optional<std::string> metadata_json;
    if (metadata >= 0)
        metadata_json = read_entry(archive.za, static_cast<zip_uint64_t>(metadata), "metadata.json", kMaxSavedConfigBytes, total);
    std::optional<H5Contents> h5;
    if (with_weights && weights >= 0) {
        const std::string image =
            read_entry(archive.za, static_cast<zip_uint64_t>(weights), "model.weights.h5", kMaxSavedTotalBytes, total);
        const auto* data = reinterpret_cast<const std::uint8_t*>(image.data());
        h5 = hdf5 == Hdf5Process::Child ? read_h5_image(data, image.size(), true, std::string(filename) + "'s model.weights.h5")
                                        : read_h5_image_in_process(data, image.size(), true);
    }
    return keras_archive_model(config_json, metadata_json ? std::optional<std::string_view>(*metadata_json) : std::nullopt,
                               h5 ? &*h5 : nullptr);
}

SavedModel read_saved_file(const std::uint8_t* bytes, std::size_t size, std::string_view filename, bool with_weights) {
    switch (detect_saved_file(bytes, size, filename)) {
        case SavedFileKind::KerasZip:
            return read_keras_zip(bytes, size, with_weights, filename);
        case SavedFileKind::Hdf5:
            return legacy_h5_model(read_h5_image(bytes, size, with_weights, filename), with_weights);
        default:
            throw ArgumentError("'" + std::string(filename) + "' is not a .keras or .h5 file (it is text: JSON or Python).");
    }
}

}  // namespace padlab
