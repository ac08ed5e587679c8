// Package planparse reads the text of a Chinese government action plan
// (行动计划, 实施方案, 工作要点, 任务分工方案) into a plan.Plan: its title,
// 文号, issuer and dates, its numbered section tree, who leads and who
// assists each task, and the targets and milestones each section states.
// It does no I/O: callers hand it bytes (UTF-8, GB18030 or .docx).
//
// The rules follow how such documents are written, not any one text:
//
//   - Input: UTF-8 with or without BOM; GB18030/GBK when the bytes are not
//     UTF-8 (UTF-8 cut inside a character stays UTF-8); .docx paragraphs
//     as lines and table rows as "a | b | c" lines.
//   - Lines: CR/CRLF unified, NBSP and ideographic spaces made plain,
//     PDF page numbers dropped, paragraphs broken mid-sentence joined,
//     text run together without breaks split again before headings whose
//     count continues (so "1.5亿" and list numbers inside sentences stay).
//     Punctuation is never rewritten: every rule accepts both widths.
//   - Tree: every numbering style (第一章, 第一条, 一、, （一）, 1., （1）,
//     1）, ①, 第一，); a heading whose style is open above it becomes a
//     sibling of that one, otherwise it nests under the deepest open
//     heading of a conventionally higher style, so skipped levels nest
//     right. IDs are positional ("2.1.1"), Number is as written, a run-in
//     heading ("（一）加强统筹。建立…", "（二）工作目标：到2025年…") has the
//     words before the first 。 (or a short label before a colon) as
//     title and the rest as text. Depth is capped at 12.
//   - Preamble: the text between the plan title and the first heading is
//     kept as a section with ID "0", empty number and title (present only
//     when not empty), so targets stated there are not lost. Notice,
//     signature, 抄送 and 印发 blocks are metadata, never sections. A
//     notice whose own body is numbered right after its lead-in ("…通知
//     如下：一、…"), signed, then followed by "附件" and a numbered list,
//     has the list as the plan: the notice's items go to the preamble.
//     A list item led by a content label ("任务内容：…", "工作任务：…")
//     is titled by the text after the label and always read for targets.
//   - Units: see resp.go. In short: named leads (牵头单位, "A牵头", "（牵头）")
//     lead; in a 责任单位 list with no lead named the first listed leads
//     and the rest are co-units (the "列首位的为牵头单位" rule, also applied
//     where a document does not state it); in running text "由A牵头，B、C
//     配合", "A牵头，会同B、C…", "A负责，B、C协助" give both lists; a note assigns the text
//     before it, so when a task holds several notes with text between
//     them each later note makes an unnumbered part (a sub-section with
//     empty number) of its text, while notes with nothing between them
//     are read together; "以下…均需X落实，不再一一列出" adds X as co-units
//     to every task from there on. A closing 任务分工 section that assigns
//     tasks by number ("第1项任务：A牵头，B参与", "第7、8项任务：…") gives
//     the Kth task of the first 任务 section its units. A note of short
//     labels may end with its time ("（牵头：A；责任：B；时间：9月底）"), which
//     dates the item; a numbered item whose line carries its own note is
//     read for targets like a sentence. A line of labels ("责任领导：…　牵头单位：…
//     责任单位：…　完成时限：…") names units up to its due label, which dates
//     the task; "各乡镇按职责分工负责" in a list names 各乡镇. Units are split on 、，,；; (on spaces only
//     when every piece names a unit), never on 和/及, and kept as
//     written. Notes are cut from the task's text before targets are read
//     from it.
//   - Tables with unit columns (责任单位/牵头单位/配合单位): each row is a
//     task; rows that lost merged cells are aligned by their unit cells.
//     Tables pasted from Word/WPS as text (cells split by tabs or runs of
//     two or more spaces, rows possibly wrapped onto the next line) are
//     read as "|" tables (flattable.go), as are tables pasted one cell
//     per line (column names on their own lines from 序号, then rows
//     starting with their number). A row's task cell is always read
//     for targets; in a project table (重点项目表) a row also commits to
//     starting by its 开工时间 (unless before the plan's year), to
//     completion by its 竣工时间, and to its year's planned investment
//     (年度计划投资, in the unit of the header's 投资 column, e.g. 亿元);
//     its 完成时限/时间节点/竣工时间 cell, like a "完成时限：…" line
//     under a task, dates what the task states unless a sentence says
//     otherwise. A remark after a table ("注：…") assigns no units.
//   - The past: a clause opening with a year before the document's
//     ("2024年，全市完成…") reports the past, over its semicolons, and
//     over its full stops too when it opened the paragraph, until a date
//     of the plan's own time comes up.
//   - A lead-in ending in a colon that opens with a deadline ("到2027年，…。
//     具体目标如下：") dates the sections listed after it.
//   - Deadlines carry by where they are written: one opening a sentence
//     ("到2025年，…") holds for the rest of its paragraph; one opening a
//     later clause ("…试点，6月底前完成核实。") for the rest of its
//     sentence and past a "；" unless a numbered item follows; one inside
//     a clause ("对企业10月底前实现全覆盖") or opening a stage ("其中6月底
//     前完成20公里") for its clause only. Season phrases ("汛前", "春节前",
//     "开学前") hold where written like a date but date only by the task's
//     own 完成时限, else leave their figures undated. "三年内", "用两年时间"
//     count from the first year of the plan's period (the title's
//     "（2024—2026年）", else its effective date, else its issue year).
//   - Figures: ratios compare by their term that is not 1 ("2.5:1" and
//     "1:2.5" both read 2.5, unit ""); growth as a multiple is percent
//     ("增长一倍" is >= 100 %); "N小时内 + verb" is a limit (<= N 小时);
//     compound measure words (家次, 台套, 吉瓦时) stay whole; a count after
//     a list closed by 等 is work to do when a work verb heads the list
//     ("完成A、B等6条河道清淤"), not in a citation; "至少" before a verb
//     is a floor ("至少储备1台"); a share reaching a level after a ban word
//     ("不再…的比例达到95%") is a target, a threshold inside a ban is not.
//     A range is a floor at its lower bound ("8—10个", "8%—10%" read >= 8);
//     a fraction in words is a share ("三分之一以上" is >= 33.33 %); a
//     bracketed breakdown ("20公里（其中主干管8公里）", "（含…）") is a
//     clause of its own, so the total before it and the part are both
//     read. Conditions are not targets: a threshold on an attribute before
//     的 ("人口规模三万人以上的中心镇"), a duration each one must serve
//     ("每人服务时间不少于六个月"), a facility's design figures ("设计规
//     模…", "（调蓄容积2万立方米）"), the share of votes a decision needs
//     ("须经三分之二以上业主同意"), a grant ("一次性给予…奖励"; 一次性
//     alone is a product, "一次性餐具").
//   - Empty reports a text in which nothing of a plan was found, for
//     callers that must refuse it.
package planparse
