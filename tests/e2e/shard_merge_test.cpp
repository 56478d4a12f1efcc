// N shards of a scan, merged, give the report of one full run (apart from the run's times).

#include "support/support.hpp"

#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>
#include <sstream>

namespace sopaudit::test {
namespace {

namespace fs = std::filesystem;

std::string cell(const std::string& text) {
    return "<w:tc><w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p></w:tc>";
}

std::string row(const std::vector<std::string>& cells) {
    std::string r = "<w:tr>";
    for (const auto& c : cells) {
        r += cell(c);
    }
    return r + "</w:tr>";
}

// A small SOP: title, identity table (label/value rows) and a procedure table.
std::string sop_docx(const std::string& nomor, const std::string& nama) {
    std::string body = "<w:p><w:r><w:t>STANDAR OPERASIONAL PROSEDUR</w:t></w:r></w:p><w:tbl>";
    body += row({"PEMERINTAH KABUPATEN CONTOH", "Nomor SOP", nomor});
    body += row({"", "Tanggal Pembuatan", "2 Januari 2024"});
    body += row({"", "Tanggal Revisi", "-"});
    body += row({"", "Tanggal Efektif", "3 Januari 2024"});
    body += row({"", "Disahkan Oleh", "Kepala Bagian Organisasi"});
    body += row({"", "Nama SOP", nama});
    body += "</w:tbl><w:tbl>";
    body +=
        row({"No", "Kegiatan", "Staf", "Kabag", "Kelengkapan", "Waktu", "Output", "Keterangan"});
    body += row({"1", "Menerima berkas", "", "", "Berkas", "10 menit", "Berkas", ""});
    body += row({"2", "Memeriksa berkas", "", "", "Berkas", "15 menit", "Nota", ""});
    body += "</w:tbl>";
    return make_docx_body(body);
}

// 30 SOPs over three folders, numbers repeating every 7 files so that most duplicate pairs fall
// into different shards; plus files that are not SOPs or not readable.
void make_folder(const fs::path& dir) {
    for (int i = 0; i < 30; ++i) {
        const fs::path sub = dir / ("OPD-" + std::to_string(i % 3));
        fs::create_directories(sub);
        write_file(sub / ("sop-" + std::to_string(i) + ".docx"),
                   sop_docx("800/" + std::to_string(i % 7) + "/SOP/2024",
                            "Pelayanan Nomor " + std::to_string(i)));
    }
    write_file(dir / "OPD-0" / "nota.docx", make_docx({"Nota dinas", "Bukan SOP"}));
    write_file(dir / "OPD-1" / "rusak.docx", "PK\x03\x04 this is no zip");
    write_file(dir / "catatan.txt", "plain text");
}

// The report without the run's times, as text, for comparison.
std::string without_times(const fs::path& report) {
    auto json = parse_json_file(report);
    auto run = json->getObject("run");
    run->remove("started_at");
    run->remove("finished_at");
    std::ostringstream out;
    json->stringify(out, 1);
    return out.str();
}

std::size_t count_rule(const fs::path& report, const std::string& rule) {
    const auto files = parse_json_file(report)->getArray("files");
    std::size_t n = 0;
    for (std::size_t i = 0; i < files->size(); ++i) {
        for (const auto& id : rule_ids(files->getObject(static_cast<unsigned>(i)))) {
            n += id == rule ? 1 : 0;
        }
    }
    return n;
}

class ShardMerge : public ::testing::Test {
protected:
    void SetUp() override {
        make_folder(m_dir / "in");
        const auto r = run_sopaudit({"scan", "--no-state", (m_dir / "in").string(), "--out",
                                     (m_dir / "full").string(), "--jobs", "2", "--quiet"});
        ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
    }
    TempDir m_dir;
};

TEST_F(ShardMerge, MergedShardsEqualOneFullRun) {
    const fs::path full = m_dir / "full" / "report.json";
    const std::size_t full_duplicates = count_rule(full, "identity-nomor-duplicate");
    ASSERT_GE(full_duplicates, 20u) << "the folder must hold cross-file duplicates";
    const auto full_files = parse_json_file(full)->getArray("files")->size();

    for (const int n : {2, 3, 5}) {
        std::vector<std::string> merge_args = {"merge"};
        std::size_t shard_files = 0, shard_duplicates = 0;
        for (int k = n; k >= 1; --k) { // reverse order: merge must not rely on it
            const fs::path out = m_dir / ("s" + std::to_string(n) + "-" + std::to_string(k));
            const std::string spec = std::to_string(k) + "/" + std::to_string(n);
            const auto r = run_sopaudit({"scan", "--no-state", (m_dir / "in").string(), "--out",
                                         out.string(), "--jobs", "1", "--quiet", "--shard", spec});
            ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << spec << ": " << r.err;
            const auto report = parse_json_file(out / "report.json");
            const auto shard = report->getObject("run")->getObject("shard");
            ASSERT_TRUE(shard) << spec;
            EXPECT_EQ(shard->getValue<int>("index"), k);
            EXPECT_EQ(shard->getValue<int>("count"), n);
            shard_files += report->getArray("files")->size();
            shard_duplicates += count_rule(out / "report.json", "identity-nomor-duplicate");
            merge_args.push_back((out / "report.json").string());
        }
        EXPECT_EQ(shard_files, full_files) << n;
        // Each shard alone misses the pairs split across shards.
        EXPECT_LT(shard_duplicates, full_duplicates) << n;

        const fs::path merged = m_dir / ("merged" + std::to_string(n));
        merge_args.insert(merge_args.end(), {"--out", merged.string(), "--quiet"});
        const auto r = run_sopaudit(merge_args);
        ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
        EXPECT_EQ(without_times(merged / "report.json"), without_times(full)) << n << " shards";
        EXPECT_EQ(schema_errors(merged / "report.json"), "");
    }
}

TEST_F(ShardMerge, MergeRefusesAnIncompleteSetOfShards) {
    const fs::path out = m_dir / "s1";
    const auto r = run_sopaudit({"scan", "--no-state", (m_dir / "in").string(), "--out",
                                 out.string(), "--quiet", "--shard", "1/2"});
    ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
    const auto m =
        run_sopaudit({"merge", (out / "report.json").string(), "--out", (m_dir / "m").string()});
    EXPECT_EQ(m.exit_code, 2);
    EXPECT_NE(m.err.find("2/2"), std::string::npos) << m.err;
    EXPECT_FALSE(fs::exists(m_dir / "m" / "report.json"));
}

TEST(ShardOption, RefusesABadShard) {
    TempDir dir;
    write_file(dir / "in" / "a.docx", make_docx({"a"}));
    for (const std::string bad : {"0/2", "3/2", "2", "x/y"}) {
        const auto r = run_sopaudit({"scan", "--no-state", (dir / "in").string(), "--out",
                                     (dir / "out").string(), "--shard", bad});
        EXPECT_EQ(r.exit_code, 2) << bad;
        EXPECT_NE(r.err.find("--shard"), std::string::npos) << r.err;
    }
}

TEST(MergeCommand, NeedsAReport) {
    const auto r = run_sopaudit({"merge"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("REPORT"), std::string::npos) << r.err;
}

} // namespace
} // namespace sopaudit::test
