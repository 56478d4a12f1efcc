#include "ingest/ingest.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace sopaudit::ingest {

std::string sha256_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot open " + file.string() + ": " + std::strerror(errno));
    }
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    std::vector<char> buf(1 << 16);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        const auto got = in.gcount();
        if (got > 0) {
            engine.update(buf.data(), static_cast<unsigned>(got));
        }
    }
    if (in.bad()) {
        throw std::runtime_error("cannot read " + file.string());
    }
    return Poco::DigestEngine::digestToHex(engine.digest());
}

} // namespace sopaudit::ingest
