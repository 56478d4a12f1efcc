#include "support/support.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <Poco/TemporaryFile.h>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <unistd.h>
#include <zip.h>

namespace sopaudit::test {

namespace fs = std::filesystem;

TempDir::TempDir() {
    m_path = fs::path(Poco::TemporaryFile::tempName(fs::temp_directory_path().string()));
    fs::create_directories(m_path);
}

TempDir::~TempDir() {
    std::error_code ec;
    // Tests make unreadable files and folders; give permissions back before removing.
    for (auto it = fs::recursive_directory_iterator(m_path, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
    fs::remove_all(m_path, ec);
}

void write_file(const fs::path& file, const std::string& bytes) {
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
        throw std::runtime_error("cannot write " + file.string());
    }
}

std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + file.string());
    }
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

std::string make_zip(const std::map<std::string, std::string>& members) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* target = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_source_keep(target);
    zip_t* z = zip_open_from_source(target, ZIP_TRUNCATE, &error);
    if (z == nullptr) {
        throw std::runtime_error("make_zip: cannot create archive");
    }
    // zip_source_buffer does not copy: keep the contents alive until zip_close.
    std::vector<std::string> keep;
    keep.reserve(members.size());
    for (const auto& [name, content] : members) {
        keep.push_back(content);
        zip_source_t* s = zip_source_buffer(z, keep.back().data(), keep.back().size(), 0);
        if (zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8) < 0) {
            zip_source_free(s);
            throw std::runtime_error("make_zip: cannot add " + name);
        }
    }
    if (zip_close(z) != 0) {
        throw std::runtime_error("make_zip: cannot close archive");
    }
    zip_source_open(target);
    zip_source_seek(target, 0, SEEK_END);
    const auto size = zip_source_tell(target);
    zip_source_seek(target, 0, SEEK_SET);
    std::string out(static_cast<std::size_t>(size), '\0');
    zip_source_read(target, out.data(), static_cast<zip_uint64_t>(size));
    zip_source_close(target);
    zip_source_free(target);
    zip_error_fini(&error);
    return out;
}

std::string make_docx(const std::vector<std::string>& paragraphs) {
    std::string body;
    for (const auto& p : paragraphs) {
        body += "<w:p><w:r><w:t xml:space=\"preserve\">" + p + "</w:t></w:r></w:p>";
    }
    return make_docx_body(body);
}

std::string make_docx_body(const std::string& body) {
    return make_zip({
        {"[Content_Types].xml",
         "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
         "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
         "<Default Extension=\"rels\" "
         "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
         "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
         "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
         "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"},
        {"_rels/.rels",
         "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"},
        {"word/document.xml",
         "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
         "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
         "<w:body>" +
             body + "<w:sectPr/></w:body></w:document>"},
    });
}

namespace {

void put32(std::string& s, std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) {
        s[at + static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xFF);
    }
}

void put16(std::string& s, std::size_t at, std::uint16_t v) {
    s[at] = static_cast<char>(v & 0xFF);
    s[at + 1] = static_cast<char>(v >> 8);
}

} // namespace

std::string make_ole(const std::vector<std::string>& stream_names) {
    constexpr std::uint32_t free_sect = 0xFFFFFFFF, end_chain = 0xFFFFFFFE, fat_sect = 0xFFFFFFFD;
    const std::size_t entries = stream_names.size() + 1;
    const std::uint32_t dir_sectors = static_cast<std::uint32_t>((entries + 3) / 4);

    std::string header(512, '\0');
    header.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    put16(header, 0x18, 0x003E);
    put16(header, 0x1A, 0x0003);
    put16(header, 0x1C, 0xFFFE);
    put16(header, 0x1E, 9);
    put16(header, 0x20, 6);
    put32(header, 0x2C, 1); // one FAT sector
    put32(header, 0x30, 1); // directory starts at sector 1
    put32(header, 0x38, 4096);
    put32(header, 0x3C, end_chain); // no mini FAT
    put32(header, 0x44, end_chain); // no DIFAT sectors
    put32(header, 0x4C, 0);         // the FAT is sector 0
    for (std::size_t i = 1; i < 109; ++i) {
        put32(header, 0x4C + 4 * i, free_sect);
    }

    std::string fat(512, '\0');
    for (std::size_t i = 0; i < 128; ++i) {
        put32(fat, 4 * i, free_sect);
    }
    put32(fat, 0, fat_sect);
    for (std::uint32_t s = 1; s <= dir_sectors; ++s) {
        put32(fat, 4 * s, s == dir_sectors ? end_chain : s + 1);
    }

    std::string dir(512 * dir_sectors, '\0');
    auto entry = [&](std::size_t index, const std::string& name, int type) {
        const std::size_t at = 128 * index;
        for (std::size_t i = 0; i < name.size() && i < 31; ++i) {
            put16(dir, at + 2 * i, static_cast<unsigned char>(name[i]));
        }
        put16(dir, at + 0x40, static_cast<std::uint16_t>(2 * (name.size() + 1)));
        dir[at + 0x42] = static_cast<char>(type);
        put32(dir, at + 0x44, free_sect);
        put32(dir, at + 0x48,
              index + 1 < entries && index > 0 ? static_cast<std::uint32_t>(index + 1) : free_sect);
        put32(dir, at + 0x4C, index == 0 && entries > 1 ? 1 : free_sect);
        put32(dir, at + 0x74, end_chain);
    };
    entry(0, "Root Entry", 5);
    for (std::size_t i = 0; i < stream_names.size(); ++i) {
        entry(i + 1, stream_names[i], 2);
    }
    return header + fat + dir;
}

std::string make_pdf(const std::string& text) {
    return make_pdf_pages({text});
}

std::string make_pdf_pages(const std::vector<std::string>& pages, int width_pt, int height_pt) {
    // 1 catalog, 2 page tree, 3 font, then per page its page object and its content stream.
    std::string kids;
    for (std::size_t p = 0; p < pages.size(); ++p) {
        kids += (p ? " " : "") + std::to_string(4 + 2 * p) + " 0 R";
    }
    std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    };
    for (std::size_t p = 0; p < pages.size(); ++p) {
        const std::string stream =
            "BT /F1 12 Tf 20 " + std::to_string(height_pt - 30) + " Td (" + pages[p] + ") Tj ET";
        objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " +
                          std::to_string(width_pt) + " " + std::to_string(height_pt) +
                          "] /Contents " + std::to_string(5 + 2 * p) +
                          " 0 R /Resources << /Font << /F1 3 0 R >> >> >>");
        objects.push_back("<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream +
                          "\nendstream");
    }
    std::string pdf = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (const auto off : offsets) {
        char line[24];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
        pdf += line;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
           " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

CommandResult run(const std::string& program, const std::vector<std::string>& args) {
    Poco::Pipe out_pipe, err_pipe;
    Poco::Process::Args pargs(args.begin(), args.end());
    auto handle = Poco::Process::launch(program, pargs, nullptr, &out_pipe, &err_pipe);
    CommandResult r;
    // Read stderr on a thread so neither pipe can fill up and stall the child.
    std::thread err_reader([&] {
        Poco::PipeInputStream err(err_pipe);
        Poco::StreamCopier::copyToString(err, r.err);
    });
    Poco::PipeInputStream out(out_pipe);
    Poco::StreamCopier::copyToString(out, r.out);
    err_reader.join();
    r.exit_code = handle.wait();
    return r;
}

std::string sopaudit_binary() {
    const char* b = std::getenv("SOPAUDIT_BINARY");
    if (b == nullptr || *b == '\0') {
        throw std::runtime_error("SOPAUDIT_BINARY is not set (run the tests through ctest)");
    }
    return b;
}

CommandResult run_sopaudit(const std::vector<std::string>& args) {
    return run(sopaudit_binary(), args);
}

fs::path source_dir() {
    return fs::path(SOPAUDIT_SOURCE_DIR);
}

Poco::JSON::Object::Ptr parse_json_file(const fs::path& file) {
    Poco::JSON::Parser parser;
    return parser.parse(read_file(file)).extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Object::Ptr file_entry(const Poco::JSON::Object::Ptr& report, const std::string& path) {
    const auto files = report->getArray("files");
    for (std::size_t i = 0; files && i < files->size(); ++i) {
        auto f = files->getObject(static_cast<unsigned>(i));
        if (f && f->getValue<std::string>("path") == path) {
            return f;
        }
    }
    return nullptr;
}

std::vector<std::string> rule_ids(const Poco::JSON::Object::Ptr& file) {
    std::vector<std::string> out;
    const auto findings = file->getArray("findings");
    for (std::size_t i = 0; findings && i < findings->size(); ++i) {
        out.push_back(findings->getObject(static_cast<unsigned>(i))->getValue<std::string>("rule"));
    }
    return out;
}

std::vector<std::string> rule_ids(const audit::FileResult& file) {
    std::vector<std::string> out;
    for (const auto& finding : file.findings) {
        out.push_back(finding.rule);
    }
    return out;
}

fs::path fresh_temp_dir(const std::string& name) {
    std::string test_name = "no-test";
    if (const auto* info = ::testing::UnitTest::GetInstance()->current_test_info()) {
        test_name = std::string(info->test_suite_name()) + "." + info->name();
    }
    for (char& c : test_name) {
        if (c == '/') {
            c = '_'; // parameterised test names hold '/'
        }
    }
    const auto dir = fs::temp_directory_path() /
                     ("sopaudit-" + test_name + "-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string schema_errors(const fs::path& report_json) {
    const auto r =
        run("/usr/bin/python3",
            {(source_dir() / "tests/tools/validate_json.py").string(),
             (source_dir() / "tests/data/report.schema.json").string(), report_json.string()});
    if (r.exit_code == 0) {
        return {};
    }
    return r.err.empty() ? r.out + " (exit " + std::to_string(r.exit_code) + ")" : r.err;
}

} // namespace sopaudit::test
