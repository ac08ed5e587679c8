// Package obsimport reads reported observations from a CSV or XLSX file
// into plan.Observation values, checking every row against the plan. It
// returns all rows or an error naming the first bad one; the caller stores
// the result with one Store.CreateObservations call, so a rejected file
// changes nothing.
//
// # Files
//
// CSV: comma-separated, first line the header, UTF-8 with or without a
// byte-order mark, or GB18030 (GBK) as Excel saves "CSV" on Chinese
// Windows; Excel's "Unicode 文本" (UTF-16, tab-separated) is read too.
// XLSX: the first sheet, first row the header; an old .xls is refused
// with a request to save it as .xlsx. Blank rows are
// skipped. Errors read "FILE line N column C (name): reason" where N is
// the line (CSV) or row (XLSX) and C the column number (CSV) or letter
// (XLSX).
//
// # Columns
//
// Header names are matched case-insensitively; each has a Chinese alias.
//
//	target        目标编号   target ID in the plan ("2.1.1-1"); or leave empty and use task + subject
//	task          任务       task ID ("2.1.1") or title; alone it ties the row to the task as context
//	subject       指标       words of the target's subject ("5G基站"); with task (or alone) finds the target
//	value         数值       required column. "30490", "3.5万", "1.31亿", "约30000", ">20000", "99.99%", "30,490";
//	                         the text as written is kept when it is not a plain number. Required for
//	                         flow/stock/rate; events and statuses may give words ("投运") or nothing
//	unit          单位       required column; required for flow/stock/rate ("个", "%")
//	period_start  开始日期   first day of a flow's period (optional)
//	period_end    截止日期   required: the day the figure refers to
//	kind          类型       required: flow (新增), stock (累计), rate (比率), target (目标),
//	                         event (事件), status (状态)
//	scope         范围       jurisdiction ("长沙市"); another scope than the plan's is not counted
//	source_url    来源链接   where the figure was published
//	source_date   来源日期   when it was published, free text ("2021-01-18 (长沙晚报)")
//	quote         原文       the sentence that states the figure; a row needs source_url or quote
//	reported_by   填报单位   who reports it
//	note          备注       optional remark
//
// Dates are ISO (2022-12-31) or 2022/12/31, 2022.12.31, 2022年12月31日; a
// month alone (2022-12, 2022年12月) means its first day as period_start and
// its last day as period_end. XLSX date cells are read as dates.
// A column named 序号 (or "no") is ignored; any other unknown column is an
// error, so a misspelt header does not silently drop data.
package obsimport
