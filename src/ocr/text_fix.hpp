#pragma once
// Corrections of OCR text that follow from what the recogniser cannot do, not from the
// document: Debian's `ind` model has no ';' in its character set, reads a list number's period
// as ',' or ':' now and then, and runs the small digit groups of an NIP together.

#include <string>
#include <vector>

namespace sopaudit::ocr {

// A line's first word that is a list number with ',' or ':' for its period ("3," "2:"): the
// number with a period; any other word unchanged.
std::string fix_list_number(const std::string& first_word);

// The paragraphs of one cell, in order. An item of a numbered or lettered list that ends in
// ',' or ':' and is followed by the next item of the list ends in ';' (the character `ind`
// cannot emit, read as its nearest neighbours).
void restore_item_semicolons(std::vector<std::string>& paragraphs);

// "NIP" followed by 18 digits in any grouping, with O/o read for 0 and I/l for 1 among them:
// the digits regrouped as an NIP is printed in groups (8 6 1 3) when they were printed in
// groups (OCR ran two together). One run of 18 digits and any other text stay unchanged.
std::string regroup_nip(const std::string& text);

} // namespace sopaudit::ocr
