#include "report/html_report.hpp"
#include "report/report_fixtures.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <leptonica/allheaders.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <map>
#include <memory>
#include <set>
#include <sstream>

using namespace sopaudit;
namespace fs = std::filesystem;

namespace {

struct DocDeleter {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;

std::string render(audit::Lang lang = audit::Lang::id,
                   const std::vector<std::vector<report::PageImage>>& images = {}) {
    const auto rules = report::testing::shipped_rules();
    return report::render_html(report::testing::sample_results(), rules, lang,
                               report::testing::run_info(), images);
}

std::vector<std::string> xml_errors;
void collect_error(void*, xmlErrorPtr e) {
    xml_errors.push_back(e && e->message ? e->message : "?");
}

// Parsed as HTML (what a browser does), for queries.
DocPtr parse_html(const std::string& html) {
    return DocPtr(htmlReadMemory(html.data(), static_cast<int>(html.size()), "index.html", "UTF-8",
                                 HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING));
}

std::vector<xmlNode*> xpath(xmlDoc* doc, const std::string& expr, xmlNode* context = nullptr) {
    std::vector<xmlNode*> out;
    xmlXPathContext* ctx = xmlXPathNewContext(doc);
    if (context) {
        ctx->node = context;
    }
    xmlXPathObject* obj =
        xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(expr.c_str()), ctx);
    if (obj && obj->nodesetval) {
        for (int i = 0; i < obj->nodesetval->nodeNr; ++i) {
            out.push_back(obj->nodesetval->nodeTab[i]);
        }
    }
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctx);
    return out;
}

std::string attr(xmlNode* n, const char* name) {
    xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
    std::string s = v ? reinterpret_cast<const char*>(v) : "";
    xmlFree(v);
    return s;
}

std::string content(xmlNode* n) {
    xmlChar* v = xmlNodeGetContent(n);
    std::string s = v ? reinterpret_cast<const char*>(v) : "";
    xmlFree(v);
    return s;
}

bool inside(xmlNode* n, xmlNode* ancestor) {
    for (; n; n = n->parent) {
        if (n == ancestor) {
            return true;
        }
    }
    return false;
}

std::string percent_decode(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

} // namespace

TEST(HtmlReport, IsWellFormedXhtml) {
    const auto html = render();
    xml_errors.clear();
    xmlSetStructuredErrorFunc(nullptr, collect_error);
    DocPtr doc(xmlReadMemory(html.data(), static_cast<int>(html.size()), "index.html", "UTF-8",
                             XML_PARSE_NONET));
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    ASSERT_TRUE(doc) << (xml_errors.empty() ? "" : xml_errors.front());
    EXPECT_TRUE(xml_errors.empty()) << xml_errors.front();
}

TEST(HtmlReport, InjectedMarkupShowsLiterallyAndCreatesNoElement) {
    const auto html = render();
    // Exactly one script element: ours. No event handler attribute, no injected img.
    std::size_t scripts = 0;
    for (auto p = html.find("<script"); p != std::string::npos; p = html.find("<script", p + 1)) {
        ++scripts;
    }
    EXPECT_EQ(scripts, 1u);
    EXPECT_EQ(html.find("<img src=x"), std::string::npos);
    auto doc = parse_html(html);
    ASSERT_TRUE(doc);
    EXPECT_EQ(xpath(doc.get(), "//script").size(), 1u);
    EXPECT_TRUE(xpath(doc.get(), "//@*[starts-with(name(), 'on')]").empty());
    EXPECT_TRUE(xpath(doc.get(), "//img[@src='x']").empty());
    // And the text is there for the reader, verbatim.
    EXPECT_FALSE(
        xpath(doc.get(), "//text()[contains(., \"<script>document.title='PWNED'</script>\")]")
            .empty());
    EXPECT_FALSE(
        xpath(doc.get(), "//text()[contains(., '\"><img src=x onerror=\"document.title=')]")
            .empty());
    EXPECT_FALSE(xpath(doc.get(), "//th[contains(., 'Kasubbag</th><script>')]").empty());
    // The data-rule attribute value of a finding is the rule id, not broken open.
    for (auto* n : xpath(doc.get(), "//*[@data-rule]")) {
        EXPECT_EQ(attr(n, "data-rule").find('<'), std::string::npos);
    }
}

TEST(HtmlReport, ScriptIsPinnedByContentSecurityPolicy) {
    const auto html = render();
    auto doc = parse_html(html);
    const auto meta = xpath(doc.get(), "//meta[@http-equiv='Content-Security-Policy']");
    ASSERT_EQ(meta.size(), 1u);
    const auto csp = attr(meta[0], "content");
    EXPECT_NE(csp.find("default-src 'none'"), std::string::npos);
    EXPECT_NE(csp.find("script-src 'sha256-"), std::string::npos);
    const auto script_src = csp.substr(csp.find("script-src"));
    EXPECT_EQ(script_src.find("unsafe-inline"), std::string::npos); // no inline script but ours
    EXPECT_EQ(csp.find("http"), std::string::npos);                 // nothing from the network
}

TEST(HtmlReport, EveryFindingIsPresentWithItsMessage) {
    const auto files = report::testing::sample_results();
    auto doc = parse_html(render());
    for (std::size_t i = 0; i < files.size(); ++i) {
        for (std::size_t k = 0; k < files[i].findings.size(); ++k) {
            const auto id = "fd-" + std::to_string(i) + "-" + std::to_string(k);
            const auto nodes = xpath(doc.get(), "//*[@id='" + id + "']");
            ASSERT_EQ(nodes.size(), 1u) << id;
            const auto text = content(nodes[0]);
            EXPECT_NE(text.find(files[i].findings[k].message), std::string::npos) << id;
            EXPECT_NE(text.find(files[i].findings[k].rule), std::string::npos) << id;
            EXPECT_EQ(attr(nodes[0], "data-severity"),
                      audit::to_string(files[i].findings[k].severity));
        }
    }
}

TEST(HtmlReport, FindingsSitNextToWhatTheyPointAt) {
    auto doc = parse_html(render());
    // File 1: finding 1 is on identity field tanggal_efektif, finding 2 on step 3.
    auto field_finding = xpath(doc.get(), "//*[@id='fd-1-1']");
    ASSERT_EQ(field_finding.size(), 1u);
    auto identity_tables = xpath(doc.get(), "//*[@id='file-1-sop-0']//table[@class='identity']");
    ASSERT_EQ(identity_tables.size(), 1u);
    EXPECT_TRUE(inside(field_finding[0], identity_tables[0]));
    // The row right before the finding row is the field's row.
    auto field_row =
        xpath(doc.get(), "//*[@id='fd-1-1']/ancestor::tr[1]/preceding-sibling::tr[1]/th");
    ASSERT_EQ(field_row.size(), 1u);
    EXPECT_EQ(content(field_row[0]), "Tanggal Efektif");

    auto step_row =
        xpath(doc.get(), "//*[@id='fd-1-2']/ancestor::tr[1]/preceding-sibling::tr[1]/td[1]");
    ASSERT_EQ(step_row.size(), 1u);
    EXPECT_EQ(content(step_row[0]), "3");
    EXPECT_FALSE(xpath(doc.get(), "//*[@id='fd-1-2']/ancestor::table[@class='steps']").empty());
    // A finding on a field whose label is missing still gets that field's row.
    auto missing =
        xpath(doc.get(), "//*[@id='fd-1-4']/ancestor::tr[1]/preceding-sibling::tr[1]/th");
    ASSERT_EQ(missing.size(), 1u);
    EXPECT_EQ(content(missing[0]), "Peringatan");
    // The rule's short documentation is shown with the finding.
    const auto unreadable = xpath(doc.get(), "//*[@id='fd-2-0']//*[@class='doc']");
    ASSERT_EQ(unreadable.size(), 1u);
    EXPECT_NE(content(unreadable[0]).find("cannot be opened"), std::string::npos);
}

TEST(HtmlReport, StepsShowActorColumnsAndSymbols) {
    auto doc = parse_html(render());
    const auto rows = xpath(doc.get(), "//*[@id='file-0-sop-0']//table[@class='steps']/tbody/tr");
    ASSERT_EQ(rows.size(), 4u);
    // Step 2 (decision) is drawn in the second actor column (td 4 = No, Kegiatan, Staf, Kasubbag).
    const auto cells = xpath(doc.get(), "td", rows[1]);
    ASSERT_EQ(cells.size(), 9u);
    EXPECT_TRUE(xpath(doc.get(), ".//*[local-name()='svg']", cells[2]).empty());
    EXPECT_FALSE(xpath(doc.get(), ".//*[local-name()='polygon']", cells[3]).empty());
    const auto titles = xpath(doc.get(), ".//*[local-name()='title']", cells[3]);
    ASSERT_EQ(titles.size(), 1u);
    EXPECT_EQ(content(titles[0]), "keputusan (belah ketupat)");
}

TEST(HtmlReport, EveryInternalLinkResolves) {
    const auto dir =
        fs::temp_directory_path() / ("sopaudit-html-links-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "pages/x");
    std::ofstream(dir / "pages/x/page-1.png") << "png";
    std::vector<std::vector<report::PageImage>> images(4);
    images[1].push_back({1, "pages/x/page-1.png", 10, 10, 1});
    auto doc = parse_html(render(audit::Lang::id, images));
    std::set<std::string> ids;
    for (auto* n : xpath(doc.get(), "//*[@id]")) {
        EXPECT_TRUE(ids.insert(attr(n, "id")).second) << "duplicate id " << attr(n, "id");
    }
    std::size_t checked = 0;
    for (auto* n : xpath(doc.get(), "//*[@href] | //*[@src]")) {
        const auto ref = attr(n, "href").empty() ? attr(n, "src") : attr(n, "href");
        ASSERT_FALSE(ref.empty());
        if (ref[0] == '#') {
            EXPECT_TRUE(ids.count(ref.substr(1))) << ref;
        } else {
            EXPECT_EQ(ref.find(':'), std::string::npos) << "not a relative file: " << ref;
            EXPECT_TRUE(fs::exists(dir / percent_decode(ref))) << ref;
        }
        ++checked;
    }
    EXPECT_GT(checked, 20u);
    fs::remove_all(dir);
}

TEST(HtmlReport, AnyFindingWithinTwoClicksOfTheSummary) {
    const auto files = report::testing::sample_results();
    auto doc = parse_html(render());
    auto summary = xpath(doc.get(), "//*[@id='summary']");
    ASSERT_EQ(summary.size(), 1u);
    auto target = [&](xmlNode* a) -> xmlNode* {
        const auto href = attr(a, "href");
        if (href.empty() || href[0] != '#') {
            return nullptr;
        }
        auto t = xpath(doc.get(), "//*[@id='" + href.substr(1) + "']");
        return t.empty() ? nullptr : t[0];
    };
    // After one click a person sees the element the link leads to; after two, what a link in it
    // leads to.
    std::vector<xmlNode*> seen;
    for (auto* a : xpath(doc.get(), ".//a[@href]", summary[0])) {
        if (auto* t1 = target(a)) {
            seen.push_back(t1);
            for (auto* a2 : xpath(doc.get(), ".//a[@href]", t1)) {
                if (auto* t2 = target(a2)) {
                    seen.push_back(t2);
                }
            }
        }
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        for (std::size_t k = 0; k < files[i].findings.size(); ++k) {
            const auto id = "fd-" + std::to_string(i) + "-" + std::to_string(k);
            auto n = xpath(doc.get(), "//*[@id='" + id + "']");
            ASSERT_EQ(n.size(), 1u);
            bool reached = false;
            for (auto* s : seen) {
                reached = reached || inside(n[0], s);
            }
            EXPECT_TRUE(reached) << id;
        }
    }
}

TEST(HtmlReport, SummaryFiguresAndWorstFileFirst) {
    auto doc = parse_html(render());
    const auto cards = xpath(doc.get(), "//div[contains(@class,'card')]/b");
    ASSERT_EQ(cards.size(), 7u);
    EXPECT_EQ(content(cards[0]), "4"); // files
    EXPECT_EQ(content(cards[2]), "3"); // SOPs
    EXPECT_EQ(content(cards[3]), "1"); // SOPs without errors
    EXPECT_EQ(content(cards[4]), "5"); // errors
    const auto first =
        xpath(doc.get(), "(//h3[@id='files']/following-sibling::table[1]//tbody/tr)[1]/td[1]");
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(content(first[0]), "dinas & \"kesehatan\"/buku <sop>.docx");
    // The charts are inline SVG with one bar group per rule and per folder.
    EXPECT_EQ(xpath(doc.get(), "//figure/*[local-name()='svg']").size(), 2u);
    EXPECT_EQ(xpath(doc.get(), "(//figure/*[local-name()='svg'])[1]/*[local-name()='a']").size(),
              9u);
    const auto folders =
        xpath(doc.get(), "(//figure/*[local-name()='svg'])[2]//*[local-name()='text']");
    bool kesehatan = false;
    for (auto* t : folders) {
        kesehatan = kesehatan || content(t) == "dinas & \"kesehatan\"";
    }
    EXPECT_TRUE(kesehatan);
}

TEST(HtmlReport, FiltersListSeveritiesAndRules) {
    auto doc = parse_html(render());
    EXPECT_EQ(xpath(doc.get(), "//form[@id='filters']//input[@name='sev']").size(), 3u);
    EXPECT_EQ(xpath(doc.get(), "//select[@id='rule-filter']/option").size(), 10u); // all + 9 rules
    // Without script the form stays hidden and every finding shows.
    EXPECT_FALSE(xpath(doc.get(), "//form[@id='filters'][@hidden]").empty());
    EXPECT_TRUE(xpath(doc.get(), "//*[@data-severity][@hidden]").empty());
}

TEST(HtmlReport, EnglishWhenAsked) {
    const auto html = render(audit::Lang::en);
    auto doc = parse_html(html);
    EXPECT_EQ(attr(xpath(doc.get(), "/html")[0], "lang"), "en");
    EXPECT_EQ(content(xpath(doc.get(), "//section[@id='summary']/h2")[0]), "Summary");
    EXPECT_EQ(html.find("Ringkasan"), std::string::npos);
    const auto id_doc = parse_html(render(audit::Lang::id));
    EXPECT_EQ(content(xpath(id_doc.get(), "//section[@id='summary']/h2")[0]), "Ringkasan");
}

TEST(HtmlReport, WritesIndexHtmlIntoTheOutputFolder) {
    const auto dir = fs::temp_directory_path() / ("sopaudit-html-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    report::write_html(dir, report::testing::sample_results(), report::testing::shipped_rules(),
                       audit::Lang::id, report::testing::run_info());
    ASSERT_TRUE(fs::exists(dir / "index.html"));
    EXPECT_GT(fs::file_size(dir / "index.html"), 5000u);
    fs::remove_all(dir);
}

TEST(HtmlReport, PageImagesOfEveryFileWhenWrittenByWorkers) {
    const auto dir =
        fs::temp_directory_path() / ("sopaudit-html-workers-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "in");
    std::vector<audit::FileResult> files;
    for (int i = 0; i < 5; ++i) {
        const std::string name = "scan" + std::to_string(i) + ".png";
        PIX* page = pixCreate(1200, 800, 8);
        pixSetAll(page);
        ASSERT_EQ(pixWrite((dir / "in" / name).string().c_str(), page, IFF_PNG), 0);
        pixDestroy(&page);
        audit::FileResult file = report::testing::sample_results().front();
        file.root = (dir / "in").string();
        file.path = name;
        file.format = "image";
        file.pages = 1;
        audit::Finding f;
        f.rule = "procedure-time-missing";
        f.location.page = 1;
        f.location.bbox = layout::BBox{100, 100, 400, 200};
        file.findings = {f};
        files.push_back(file);
    }
    report::HtmlOptions options;
    options.workers = 3;
    report::write_html(dir / "out", files, report::testing::shipped_rules(), audit::Lang::id,
                       report::testing::run_info(), options);
    std::ifstream in(dir / "out" / "index.html");
    std::stringstream html;
    html << in.rdbuf();
    for (int i = 0; i < 5; ++i) {
        const std::string rel = "pages/scan" + std::to_string(i) + ".png/page-1.png";
        EXPECT_TRUE(fs::exists(dir / "out" / rel)) << rel;
        EXPECT_NE(html.str().find(rel), std::string::npos) << rel;
    }
    fs::remove_all(dir);
}
