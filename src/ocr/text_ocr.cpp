#include "ocr/text_ocr.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <regex>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

namespace sopaudit::ocr {

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
        if (!w.text.empty()) {
            line.words.push_back(std::move(w));
        }
    } while (it->Next(RIL_WORD));
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
    std::vector<OcrParagraph> out;
    double conf_sum = 0;
    int prev_bottom = 0, prev_right = 0, prev_height = 0;
    for (const OcrLine& line : lines) {
        std::string text;
        double sum = 0;
        for (const OcrWord& w : line.words) {
            if (!text.empty()) {
                text += ' ';
            }
            text += w.text;
            sum += w.confidence;
        }
        const int height = std::max(1, line.box.height());
        bool start = out.empty();
        if (!start) {
            const std::string& first = line.words.front().text;
            const bool marker =
                std::regex_search(first, list_marker) || first.rfind("\xE2\x80\xA2", 0) == 0;
            const bool short_prev =
                prev_right < region.x1 - std::max(region.width() / 4, 3 * prev_height);
            const bool gap = line.box.y0 - prev_bottom > prev_height;
            start = marker || short_prev || gap;
        }
        if (start) {
            if (!out.empty()) {
                out.back().confidence = conf_sum / std::max(1, out.back().words);
            }
            out.push_back(OcrParagraph{text, line.box, 0, 0});
            conf_sum = 0;
        } else {
            OcrParagraph& p = out.back();
            p.text += ' ';
            p.text += text;
            p.box = Rect{std::min(p.box.x0, line.box.x0), std::min(p.box.y0, line.box.y0),
                         std::max(p.box.x1, line.box.x1), std::max(p.box.y1, line.box.y1)};
        }
        out.back().words += static_cast<int>(line.words.size());
        conf_sum += sum;
        prev_bottom = line.box.y1;
        prev_right = line.box.x1;
        prev_height = height;
    }
    if (!out.empty()) {
        out.back().confidence = conf_sum / std::max(1, out.back().words);
    }
    return out;
}

} // namespace sopaudit::ocr
