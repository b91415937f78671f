/* topics.c - help on what is not a command: "kehoach help plan".
 *
 * A topic is shown by "kehoach help NAME", in the reader's language like
 * every help text (marked here, translated where it is printed), and is
 * the one source of its man page: docs/man/manpage.py makes
 * kehoach-plan.5 from what "kehoach help plan" prints, so the two cannot
 * drift. It keeps the layout of a command's help: paragraphs, a heading
 * alone on its line ending in ':', items indented by two spaces with
 * their description beside or below them, and an example indented by
 * four. docs/plan-format.md is the long version. */
#include "cli.h"

static const char *const plan_parts[] = {
    /* TRANSLATORS: the parts of "kehoach help plan", also its man page: keep
     * the layout (a heading alone on its line ending in ':', the key names at
     * two spaces and unchanged, the descriptions from column 25, blank lines
     * where they are). */
    N_("kehoach plan files\n"
       "\n"
       "A plan is a YAML file of its own (NAME.yaml, UTF-8): the keys in\n"
       "English, the values in the plan's own Vietnamese words, word for\n"
       "word. 'kehoach validate' checks it against its schema and for\n"
       "meaning. Its progress log is NAME.progress.yaml beside it, written\n"
       "by 'kehoach update'; a units.yaml in its folder lists the units of\n"
       "the plans there. A short plan:\n"
       "\n"),
    /* keys and values as a plan writes them: not translated */
    "    id: hai-phong-nkt-2026\n"
    "    issuer: Ủy ban nhân dân thành phố Hải Phòng\n"
    "    year: 2026\n"
    "    title: Triển khai thực hiện chính sách trợ giúp pháp lý\n"
    "    sections:\n"
    "      - id: \"1\"\n"
    "        title: Trợ giúp pháp lý cho người khuyết tật\n"
    "        activities:\n"
    "          - id: \"1.a\"\n"
    "            title: Thực hiện các vụ việc trợ giúp pháp lý\n"
    "            lead: Sở Tư pháp\n"
    "            partners: [Sở Y tế]\n"
    "            time: Từ tháng 01/2026 đến tháng 12/2026\n"
    "    reports:\n"
    "      - {by: Sở Tư pháp, to: Bộ Tư pháp, due: \"2026-10-30\"}\n"
    "\n",
    N_("keys:\n"
       "  id                    the plan's id: small letters without\n"
       "                        diacritics, digits and hyphens; no two plans\n"
       "                        read together may share it\n"
       "  number                \"Số:\" as printed, even when incomplete\n"
       "  issuer, place         the issuing body; the place of the date line\n"
       "  issued                the date of issue: 2026-03-15, or 2026-03\n"
       "                        or 2026 when the document leaves it blank\n"
       "  year, span            the plan's year, or span: {from, to} for a\n"
       "                        plan over several years (one of the two)\n"
       "  title, preamble       the title under \"KẾ HOẠCH\"; the opening\n"
       "                        paragraphs\n"
       "  content_title         the heading of the content, when the plan\n"
       "                        does not call it \"NỘI DUNG\"\n"
       "  basis                 the documents the plan carries out: document,\n"
       "                        date, issuer, about, and plan (the id of\n"
       "                        that plan's file, when it is tracked too)\n"
       "  purposes, requirements, budget, organisation, closing\n"
       "                        the parts of text, a paragraph an item\n"
       "  defaults              lead, partners and time for the activities\n"
       "                        that do not give their own\n"
       "  sections              the numbered headings: id, title,\n"
       "                        description, defaults, activities and\n"
       "                        sections within\n"
       "  units                 the plan's units: id, name, aliases, parent\n"
       "  reports               what the plan asks to be reported: by, to,\n"
       "                        what, when (the words as printed), due,\n"
       "                        every, day, on_request, text\n"
       "  recipients, signer    \"Nơi nhận\" as printed; the signature\n"
       "                        (authority, title, name)\n"
       "\n"
       "A key the format does not have is an error.\n"
       "\n"),
    N_("activities:\n"
       "  id                    unique in the plan, such as 1.a; BC1, BC2...\n"
       "                        are the reports' and cannot be taken\n"
       "  title, description    what is to be done\n"
       "  lead, partners        the lead unit and the coordinating units, as\n"
       "                        printed: a name or a list of names\n"
       "  assignment            the sentence as printed, when the plan names\n"
       "                        the lead and the partners in one sentence\n"
       "  time                  the time as printed (below)\n"
       "  output, note          the expected output; a note\n"
       "  targets               name, value, unit and note of each target\n"
       "\n"),
    N_("time:\n"
       "The time is read as the plan prints it: \"Cả năm 2026\", \"Quý II,\n"
       "IV\" (one occurrence a quarter), \"tháng 3/2026\", \"Từ tháng 01/2026\n"
       "đến tháng 12/2026\", \"6 tháng đầu năm\", \"trước ngày 30/10/2026\",\n"
       "\"Hàng tháng\", \"Thường xuyên\", or 2026-03, 2026-Q2, 2026-H1,\n"
       "2026-03..2026-04; diacritics optional, the plan's year when none is\n"
       "written. Each occurrence is due on its last day. Words kehoach cannot\n"
       "read are an error that shows what to write instead: phrase (the\n"
       "words as printed) with from, to, due, by, every, note or windows.\n"
       "\n"),
    N_("reports:\n"
       "A report is due on a date (due, or \"trước ngày 30/10/2026\" in\n"
       "when), at regular times (every: month, quarter, half-year,\n"
       "first-half, year, or \"hằng quý\" in when), or on request\n"
       "(on_request: true). A regular report covers the period of Decree\n"
       "09/2019/NĐ-CP (from the 15th to the 14th) and is due on the 25th of\n"
       "its last month, or on the day the plan gives.\n"
       "\n"),
    N_("units:\n"
       "A name is the unit whose id, name or alias it is, whatever the case\n"
       "or the way its marks were typed; else the one unit with the same\n"
       "letters without diacritics. \"A (B)\" is unit B within A. Names\n"
       "that begin with a small letter or with \"Các\" or \"Những\", or end\n"
       "with \"có liên quan\", are no unit and always pass. When a plan\n"
       "lists its units, each name it writes must be one of them.\n"),
    NULL,
};

const cli_topic cli_topics[] = {
    {"plan", N_("the format of a plan file"), plan_parts},
};

const size_t cli_ntopics = sizeof cli_topics / sizeof cli_topics[0];
