#include "docx/zip_package.hpp"

#include <utility>
#include <zip.h>

namespace sopaudit::docx {

namespace {

std::string libzip_message(int code) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return message;
}

std::string normalise_name(const std::string& name) {
    return !name.empty() && name.front() == '/' ? name.substr(1) : name;
}

} // namespace

ZipPackage::ZipPackage(zip* archive) : archive_(archive) {}

ZipPackage::ZipPackage(ZipPackage&& other) noexcept
    : archive_(std::exchange(other.archive_, nullptr)), inflated_(other.inflated_) {}

ZipPackage& ZipPackage::operator=(ZipPackage&& other) noexcept {
    if (this != &other) {
        if (archive_ != nullptr) {
            zip_discard(archive_);
        }
        archive_ = std::exchange(other.archive_, nullptr);
        inflated_ = other.inflated_;
    }
    return *this;
}

ZipPackage::~ZipPackage() {
    if (archive_ != nullptr) {
        zip_discard(archive_); // read-only: never write anything back
    }
}

ZipPackage ZipPackage::open_file(const std::filesystem::path& file) {
    int code = 0;
    zip* archive = zip_open(file.c_str(), ZIP_RDONLY, &code);
    if (archive == nullptr) {
        throw InputError{layout::ProblemKind::unreadable, "zip: " + libzip_message(code)};
    }
    return ZipPackage(archive);
}

ZipPackage ZipPackage::open_bytes(const std::string& bytes) {
    if (bytes.empty()) {
        throw InputError{layout::ProblemKind::unreadable, "zip: empty file"};
    }
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) {
        std::string message = zip_error_strerror(&error);
        zip_error_fini(&error);
        throw InputError{layout::ProblemKind::unreadable, "zip: " + message};
    }
    zip* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (archive == nullptr) {
        std::string message = zip_error_strerror(&error);
        zip_error_fini(&error);
        zip_source_free(source);
        throw InputError{layout::ProblemKind::unreadable, "zip: " + message};
    }
    zip_error_fini(&error);
    return ZipPackage(archive);
}

bool ZipPackage::has(const std::string& name) const {
    return zip_name_locate(archive_, normalise_name(name).c_str(), ZIP_FL_NOCASE) >= 0;
}

std::optional<std::string> ZipPackage::read(const std::string& name, const ingest::Limits& limits,
                                            bool optional) {
    const std::string member = normalise_name(name);
    const zip_int64_t index = zip_name_locate(archive_, member.c_str(), ZIP_FL_NOCASE);
    if (index < 0) {
        if (optional) {
            return std::nullopt;
        }
        throw InputError{layout::ProblemKind::unreadable, "zip: missing part " + member};
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &st) != 0 ||
        (st.valid & ZIP_STAT_SIZE) == 0 || (st.valid & ZIP_STAT_COMP_SIZE) == 0) {
        throw InputError{layout::ProblemKind::unreadable, "zip: cannot stat " + member};
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && st.encryption_method != ZIP_EM_NONE) {
        throw InputError{layout::ProblemKind::encrypted, "zip: encrypted part " + member};
    }
    // Every check uses the sizes from the central directory, before inflating. zip_fread never
    // returns more than we ask for, so a member lying about its size cannot overrun them either.
    if (st.size > limits.max_member_bytes) {
        throw InputError{layout::ProblemKind::limit, "zip: part " + member + " inflates to " +
                                                         std::to_string(st.size) +
                                                         " bytes, over the limit of " +
                                                         std::to_string(limits.max_member_bytes)};
    }
    if (inflated_ + st.size > limits.max_uncompressed_bytes) {
        throw InputError{layout::ProblemKind::limit,
                         "zip: parts inflate to more than " +
                             std::to_string(limits.max_uncompressed_bytes) + " bytes in total"};
    }
    if (st.size >= ratio_check_min_bytes) {
        const double ratio = static_cast<double>(st.size) /
                             static_cast<double>(st.comp_size == 0 ? 1 : st.comp_size);
        if (ratio > limits.max_compression_ratio) {
            throw InputError{
                layout::ProblemKind::limit,
                "zip: part " + member + " has compression ratio " +
                    std::to_string(static_cast<long long>(ratio)) + ":1, over the limit of " +
                    std::to_string(static_cast<long long>(limits.max_compression_ratio)) + ":1"};
        }
    }
    zip_file_t* file = zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
    if (file == nullptr) {
        const zip_error_t* error = zip_get_error(archive_);
        const int code = zip_error_code_zip(error);
        if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP) {
            throw InputError{layout::ProblemKind::encrypted, "zip: encrypted part " + member};
        }
        throw InputError{layout::ProblemKind::unreadable,
                         "zip: cannot open part " + member + ": " + zip_strerror(archive_)};
    }
    std::string data(static_cast<std::size_t>(st.size), '\0');
    zip_uint64_t got = 0;
    while (got < st.size) {
        const zip_int64_t n = zip_fread(file, data.data() + got, st.size - got);
        if (n < 0) {
            std::string message = zip_file_strerror(file);
            zip_fclose(file);
            throw InputError{layout::ProblemKind::unreadable,
                             "zip: cannot inflate part " + member + ": " + message};
        }
        if (n == 0) {
            break;
        }
        got += static_cast<zip_uint64_t>(n);
    }
    if (got == st.size) {
        // One more read reaches the end of the stream, where libzip checks the CRC; data past
        // the declared size means the directory lies about it.
        char extra = 0;
        const zip_int64_t n = zip_fread(file, &extra, 1);
        if (n != 0) {
            std::string message = n < 0 ? zip_file_strerror(file) : "more data than declared";
            zip_fclose(file);
            throw InputError{layout::ProblemKind::unreadable,
                             "zip: part " + member + " is corrupt: " + message};
        }
    }
    const int close_code = zip_fclose(file);
    if (got != st.size || close_code != 0) {
        throw InputError{layout::ProblemKind::unreadable,
                         "zip: part " + member + " is truncated or corrupt" +
                             (close_code != 0 ? ": " + libzip_message(close_code) : "")};
    }
    inflated_ += st.size;
    return data;
}

} // namespace sopaudit::docx
