// The floor of the DOCX path: open each .docx with libzip, inflate word/document.xml and parse it
// into a libxml2 DOM (then walk it once, counting table cells, so the tree is really touched).
// No sniffing, no hashing, no model, no rules, no report: whatever sopaudit does beyond this is
// its own cost. One process for all files, like `sopaudit scan`.
//
//   floor FILE.docx...      prints: files=N cells=C seconds=S
//   floor --list LISTFILE   the same, reading the file names from LISTFILE (one per line)

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string>
#include <vector>
#include <zip.h>

namespace {

long count_cells(xmlNode* node) {
    long n = 0;
    for (xmlNode* c = node; c != nullptr; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            if (std::strcmp(reinterpret_cast<const char*>(c->name), "tc") == 0) {
                ++n;
            }
            n += count_cells(c->children);
        }
    }
    return n;
}

// Cells of word/document.xml, or -1 when the file cannot be read.
long read_one(const char* path) {
    int error = 0;
    zip_t* zip = zip_open(path, ZIP_RDONLY, &error);
    if (zip == nullptr) {
        return -1;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    long cells = -1;
    if (zip_stat(zip, "word/document.xml", 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
        std::string xml(static_cast<std::size_t>(st.size), '\0');
        if (zip_file_t* f = zip_fopen(zip, "word/document.xml", 0)) {
            const zip_int64_t got = zip_fread(f, xml.data(), st.size);
            zip_fclose(f);
            if (got == static_cast<zip_int64_t>(st.size)) {
                xmlDoc* doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "document.xml",
                                            nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                         XML_PARSE_NOWARNING);
                if (doc != nullptr) {
                    cells = count_cells(xmlDocGetRootElement(doc));
                    xmlFreeDoc(doc);
                }
            }
        }
    }
    zip_close(zip);
    return cells;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--list") == 0 && i + 1 < argc) {
            std::ifstream in(argv[++i]);
            for (std::string line; std::getline(in, line);) {
                if (!line.empty()) {
                    files.push_back(line);
                }
            }
        } else {
            files.emplace_back(argv[i]);
        }
    }
    xmlInitParser();
    const auto start = std::chrono::steady_clock::now();
    long cells = 0, failed = 0;
    for (const auto& f : files) {
        const long n = read_one(f.c_str());
        if (n < 0) {
            ++failed;
        } else {
            cells += n;
        }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("files=%zu failed=%ld cells=%ld seconds=%.6f\n", files.size(), failed, cells,
                seconds);
    xmlCleanupParser();
    return failed == 0 ? 0 : 1;
}
