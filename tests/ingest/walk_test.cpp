#include "ingest/ingest.hpp"
#include "support/support.hpp"

#include <algorithm>
#include <gtest/gtest.h>

namespace sopaudit::ingest {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> relatives(const std::vector<Candidate>& cs) {
    std::vector<std::string> out;
    for (const auto& c : cs) {
        out.push_back(c.relative);
    }
    return out;
}

TEST(Walk, RecursiveAndSorted) {
    test::TempDir dir;
    for (const char* f : {"b.docx", "a/z.docx", "a/b/c.pdf", "A.png", "a-b.docx", "c/d/e/f.tif"}) {
        test::write_file(dir / f, "x");
    }
    const auto found = walk({dir.path()}, {});
    EXPECT_EQ(relatives(found), (std::vector<std::string>{"A.png", "a-b.docx", "a/b/c.pdf",
                                                          "a/z.docx", "b.docx", "c/d/e/f.tif"}));
    for (const auto& c : found) {
        EXPECT_EQ(c.root, dir.path().string());
        EXPECT_TRUE(c.absolute.is_absolute());
        EXPECT_EQ(c.size, 1u);
        EXPECT_GT(c.mtime_ns, 0);
    }
}

TEST(Walk, SkipsLockHiddenAndOutput) {
    test::TempDir dir;
    test::write_file(dir / "sop.docx", "x");
    test::write_file(dir / "~$sop.docx", "lock");
    test::write_file(dir / ".hidden.docx", "x");
    test::write_file(dir / ".git/config", "x");
    test::write_file(dir / "output/report.json", "{}");
    test::write_file(dir / "sub/~$lain.docx", "lock");
    test::write_file(dir / "sub/lain.docx", "x");
    const auto found = walk({dir.path()}, {dir / "output"});
    EXPECT_EQ(relatives(found), (std::vector<std::string>{"sop.docx", "sub/lain.docx"}));
}

TEST(Walk, OutputFolderExcludedWhenNamedThroughAnotherPath) {
    test::TempDir dir;
    test::write_file(dir / "in/a.docx", "x");
    test::write_file(dir / "in/hasil/report.json", "{}");
    // The same folder spelled with "..": identity on disk decides, not the spelling.
    const auto found = walk({dir / "in"}, {dir / "in/../in/hasil"});
    EXPECT_EQ(relatives(found), (std::vector<std::string>{"a.docx"}));
}

TEST(Walk, SymlinkLoopIsWalkedOnce) {
    test::TempDir dir;
    test::write_file(dir / "a/sop.docx", "x");
    fs::create_directory_symlink("..", dir / "a/up");        // loop back to the root
    fs::create_directory_symlink(dir / "a", dir / "a/self"); // loop onto itself
    fs::create_symlink(dir / "missing", dir / "a/dangling");
    const auto found = walk({dir.path()}, {});
    EXPECT_EQ(relatives(found), (std::vector<std::string>{"a/sop.docx"}));
}

TEST(Walk, SymlinkedFolderAndFileAreFollowed) {
    test::TempDir dir;
    test::write_file(dir / "elsewhere/x.docx", "x");
    test::write_file(dir / "in/real.docx", "x");
    fs::create_directory_symlink(dir / "elsewhere", dir / "in/link");
    fs::create_symlink(dir / "in/real.docx", dir / "in/alias.docx");
    const auto found = walk({dir / "in"}, {});
    EXPECT_EQ(relatives(found),
              (std::vector<std::string>{"alias.docx", "link/x.docx", "real.docx"}));
}

TEST(Walk, UnicodeAndSpacesInNames) {
    test::TempDir dir;
    const std::string name = "SOP Pelayanan Ümum — ñ 日本.docx";
    test::write_file(dir / "Dinas Kesehatan" / name, "x");
    const auto found = walk({dir.path()}, {});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].relative, "Dinas Kesehatan/" + name);
    EXPECT_TRUE(fs::exists(found[0].absolute));
}

TEST(Walk, InvalidUtf8NameIsPrintableButStillOpens) {
    test::TempDir dir;
    const std::string latin1 = "caf\xE9.docx";
    test::write_file(dir / latin1, "x");
    const auto found = walk({dir.path()}, {});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].relative, "caf\xEF\xBF\xBD.docx");
    EXPECT_TRUE(fs::exists(found[0].absolute));
}

TEST(Walk, FileRootAndSeveralRoots) {
    test::TempDir dir;
    test::write_file(dir / "one/b.docx", "x");
    test::write_file(dir / "one/a.docx", "x");
    test::write_file(dir / "single.pdf", "x");
    const auto found = walk({dir / "single.pdf", dir / "one"}, {});
    ASSERT_EQ(found.size(), 3u);
    EXPECT_EQ(found[0].relative, "single.pdf");
    EXPECT_EQ(found[0].root, (dir / "single.pdf").string());
    EXPECT_EQ(found[1].relative, "a.docx");
    EXPECT_EQ(found[2].relative, "b.docx");
    EXPECT_EQ(found[2].root, (dir / "one").string());
}

TEST(Walk, MissingRootThrows) {
    EXPECT_THROW(walk({"/nonexistent/sopaudit-root"}, {}), std::runtime_error);
}

TEST(Sha256, KnownDigests) {
    test::TempDir dir;
    test::write_file(dir / "empty", "");
    test::write_file(dir / "abc", "abc");
    EXPECT_EQ(sha256_file(dir / "empty"),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_file(dir / "abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_THROW(sha256_file(dir / "missing"), std::runtime_error);
}

} // namespace
} // namespace sopaudit::ingest
