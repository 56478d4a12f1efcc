#include "ocr/text_ocr.hpp"

#include "ocr/text_fix.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <regex>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

namespace sopaudit::ocr {
namespace {

// Word confidence above which a lone ':' inside a line is kept as text.
constexpr double kSureColon = 0.7;
// A paragraph of at most this many words is as trustworthy as its worst word: in a date or a
// number every word counts.
constexpr int kShortParagraphWords = 4;
// A line's first word read this unsure, short and far from the rest is a logo's or a stamp's
// edge taken for letters.
constexpr double kStrayLeadConfidence = 0.5;
// Characters OSD reads before it may stop (Tesseract's default is 50, up to 250 tried).
constexpr const char* kOsdCharacters = "20";

} // namespace

Engine::Engine() : m_impl(std::make_unique<Impl>()) {}
Engine::~Engine() {
    if (m_impl->text_state == 1) {
        m_impl->text.End();
    }
    if (m_impl->osd_state == 1) {
        m_impl->osd.End();
    }
}
Engine::Impl& Engine::impl() {
    return *m_impl;
}

bool Engine::Impl::text_ready() {
    if (text_state == 0) {
        // LSTM only: Debian ships the fast models, which have no legacy engine.
        text_state = text.Init(nullptr, "ind", tesseract::OEM_LSTM_ONLY) == 0 ? 1 : -1;
        if (text_state == 1) {
            text.SetVariable("debug_file", "/dev/null");
            // Cells are small: inter-word spacing is what Tesseract would otherwise guess from
            // the whole page.
            text.SetVariable("preserve_interword_spaces", "0");
        }
    }
    return text_state == 1;
}

bool Engine::Impl::osd_ready() {
    if (osd_state == 0) {
        osd_state = osd.Init(nullptr, "osd", tesseract::OEM_DEFAULT) == 0 ? 1 : -1;
        if (osd_state == 1) {
            osd.SetVariable("debug_file", "/dev/null");
            osd.SetPageSegMode(tesseract::PSM_OSD_ONLY);
            // OSD classifies up to 5x this many blobs with the legacy classifier, the costliest
            // part of a sideways page (50: 1.3 s of CPU on a 200 DPI page). The page is already
            // known to be sideways; telling 90 from 270 degrees needs far fewer characters.
            osd.SetVariable("min_characters_to_try", kOsdCharacters);
        }
    }
    return osd_state == 1;
}

bool Engine::Impl::set_page(PIX* image, int dpi) {
    if (!text_ready()) {
        return false;
    }
    text.SetImage(image);
    text.SetSourceResolution(dpi);
    current = image;
    return true;
}

std::vector<OcrLine> Engine::Impl::read_region(const Rect& r, tesseract::PageSegMode mode,
                                               std::chrono::steady_clock::time_point deadline) {
    std::vector<OcrLine> lines;
    if (current == nullptr || r.empty()) {
        return lines;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0) {
        return lines;
    }
    text.SetPageSegMode(mode);
    text.SetRectangle(r.x0, r.y0, r.width(), r.height());
    tesseract::ETEXT_DESC monitor;
    monitor.set_deadline_msecs(static_cast<int32_t>(std::min<long long>(left, 1 << 30)));
    if (text.Recognize(&monitor) != 0) {
        return lines;
    }
    std::unique_ptr<tesseract::ResultIterator> it(text.GetIterator());
    if (!it) {
        return lines;
    }
    using tesseract::RIL_TEXTLINE;
    using tesseract::RIL_WORD;
    do {
        if (it->Empty(RIL_WORD)) {
            continue;
        }
        std::unique_ptr<char[]> word(it->GetUTF8Text(RIL_WORD));
        if (!word) {
            continue;
        }
        OcrWord w;
        w.text = word.get();
        w.confidence = std::clamp(it->Confidence(RIL_WORD) / 100.0, 0.0, 1.0);
        int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        it->BoundingBox(RIL_WORD, &x0, &y0, &x1, &y1);
        w.box = Rect{x0, y0, x1, y1};
        if (lines.empty() || it->IsAtBeginningOf(RIL_TEXTLINE)) {
            lines.emplace_back();
            lines.back().box = w.box;
        }
        OcrLine& line = lines.back();
        line.box = Rect{std::min(line.box.x0, x0), std::min(line.box.y0, y0),
                        std::max(line.box.x1, x1), std::max(line.box.y1, y1)};
        w.text = fold_space(w.text);
        if (keep_ocr_word(w.text, w.confidence, !line.words.empty())) {
            line.words.push_back(std::move(w));
        }
    } while (it->Next(RIL_WORD));
    for (OcrLine& l : lines) {
        // a colon kept between words, but none came after it
        if (!l.words.empty() && (l.words.back().text == ":" || l.words.back().text == ";")) {
            l.words.pop_back();
        }
        drop_stray_lead(l);
    }
    std::erase_if(lines, [](const OcrLine& l) { return l.words.empty(); });
    return lines;
}

int Engine::Impl::detect_orientation(PIX* binary, int dpi, double& confidence) {
    confidence = 0;
    if (!osd_ready()) {
        return 0;
    }
    // OSD needs only a few hundred characters at a modest resolution: halve 300 DPI pages.
    PixPtr small;
    PIX* input = binary;
    int in_dpi = dpi;
    if (dpi >= 250) {
        small.reset(pixReduceRankBinary2(binary, 1, nullptr));
        if (small) {
            input = small.get();
            in_dpi = dpi / 2;
        }
    }
    osd.SetImage(input);
    osd.SetSourceResolution(in_dpi);
    int deg = 0;
    float conf = 0, script_conf = 0;
    const char* script = nullptr;
    const bool ok = osd.DetectOrientationScript(&deg, &conf, &script, &script_conf);
    osd.Clear();
    if (!ok) {
        return 0;
    }
    confidence = conf;
    // deg is the clockwise rotation of the input; undo it with the remaining quarter turns.
    return ((360 - deg) / 90) % 4;
}

bool keep_ocr_word(const std::string& w, double confidence, bool after_word) {
    if (w.empty()) {
        return false;
    }
    // A colon between words ("NIP : 1972...") is print, read as surely as the words; at a
    // line's start or read unsure it is a speck like the others.
    if ((w == ":" || w == ";") && after_word && confidence >= kSureColon) {
        return true;
    }
    return !is_speck_word(w);
}

void drop_stray_lead(OcrLine& line) {
    if (line.words.size() < 2) {
        return;
    }
    const OcrWord& lead = line.words[0];
    const int height = std::max({1, lead.box.height(), line.words[1].box.height()});
    const bool apart = line.words[1].box.x0 - lead.box.x1 > 2 * height;
    if (lead.text.size() <= 2 && lead.confidence < kStrayLeadConfidence && apart) {
        line.words.erase(line.words.begin());
    }
}

bool is_speck_word(const std::string& w) {
    // Dust, a stamp's dots or a rule's remains read as ". ' : |". A dash or a run of dots
    // ("....", a placeholder) is content and stays.
    if (w.size() > 2) {
        return false;
    }
    return std::all_of(w.begin(), w.end(),
                       [](char c) { return std::strchr(".,'\"`:;|!_~^", c) != nullptr; });
}

std::string fold_space(const std::string& s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            space = !out.empty();
        } else {
            if (space) {
                out += ' ';
                space = false;
            }
            out += c;
        }
    }
    return out;
}

std::vector<OcrParagraph> assemble_paragraphs(const std::vector<OcrLine>& lines,
                                              const Rect& region) {
    static const std::regex list_marker(R"(^([0-9]{1,2}|[a-zA-Z])[.)]$|^[-*]$|^[0-9]{1,2}[.)]\S)");
    // "Nomor SOP: ...", "TGL. REVISI: ..." : a label with a colon opens a new field
    static const std::regex label_start(R"(^[A-Z][A-Za-z./ ]{1,28}:(\s|$))");
    std::vector<OcrParagraph> out;
    double min_conf = 1.0;
    auto close = [&]() {
        OcrParagraph& p = out.back();
        p.mean_confidence = p.conf_sum / std::max(1, p.words);
        p.confidence = p.words <= kShortParagraphWords ? min_conf : p.mean_confidence;
    };
    int prev_bottom = 0, prev_right = 0, prev_height = 0;
    for (const OcrLine& line : lines) {
        if (line.words.empty()) {
            continue;
        }
        std::string text;
        double sum = 0, line_min = 1.0;
        for (size_t k = 0; k < line.words.size(); ++k) {
            const OcrWord& w = line.words[k];
            if (!text.empty()) {
                text += ' ';
            }
            text += k == 0 ? fix_list_number(w.text) : w.text;
            sum += w.confidence;
            line_min = std::min(line_min, w.confidence);
        }
        const int height = std::max(1, line.box.height());
        bool start = out.empty();
        if (!start) {
            const std::string first = fix_list_number(line.words.front().text);
            const bool marker = std::regex_search(first, list_marker) ||
                                first.rfind("\xE2\x80\xA2", 0) == 0 ||
                                std::regex_search(text, label_start);
            const bool short_prev =
                prev_right < region.x1 - std::max(region.width() / 4, 3 * prev_height);
            const bool gap = line.box.y0 - prev_bottom > prev_height;
            start = marker || short_prev || gap;
        }
        if (start) {
            if (!out.empty()) {
                close();
            }
            out.push_back(OcrParagraph{text, line.box, 0, 0, 0, 0});
            min_conf = 1.0;
        } else {
            OcrParagraph& p = out.back();
            p.text += ' ';
            p.text += text;
            p.box = Rect{std::min(p.box.x0, line.box.x0), std::min(p.box.y0, line.box.y0),
                         std::max(p.box.x1, line.box.x1), std::max(p.box.y1, line.box.y1)};
        }
        out.back().words += static_cast<int>(line.words.size());
        out.back().conf_sum += sum;
        min_conf = std::min(min_conf, line_min);
        prev_bottom = line.box.y1;
        prev_right = line.box.x1;
        prev_height = height;
    }
    if (!out.empty()) {
        close();
    }
    std::vector<std::string> texts;
    for (const OcrParagraph& p : out) {
        texts.push_back(p.text);
    }
    restore_item_semicolons(texts);
    for (size_t k = 0; k < out.size(); ++k) {
        out[k].text = regroup_nip(texts[k]);
    }
    return out;
}

} // namespace sopaudit::ocr
