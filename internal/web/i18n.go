package web

// messages is every UI string, Chinese first. Keys are grouped by page;
// a test checks that every key a template or handler uses is here in both
// languages.
var messages = map[string][2]string{
	"app.name":   {"规划督办台", "planwatch"},
	"app.footer": {"planwatch · 行动计划跟踪与督办 · 数据以导入的计划文本和报送的证据为准", "planwatch · action plan tracking · figures come from the imported plan text and the evidence reported"},

	"nav.skip": {"跳到正文", "Skip to content"}, "nav.main": {"主导航", "Main navigation"}, "nav.plan": {"计划导航", "Plan navigation"},
	"nav.plans": {"计划列表", "Plans"}, "nav.import": {"导入计划", "Import a plan"}, "nav.admin": {"管理", "Admin"},
	"nav.login": {"登录", "Log in"}, "nav.logout": {"退出", "Log out"},
	"nav.overview": {"总览", "Overview"}, "nav.tree": {"任务分解", "Task tree"}, "nav.deadlines": {"时间节点", "Deadlines"},
	"nav.matrix": {"责任矩阵", "Responsibility matrix"}, "nav.ledger": {"督办台账", "Supervision ledger"},

	"role.lead": {"牵头", "Lead"}, "role.co": {"配合", "Co"}, "role.lead.short": {"牵", "L"}, "role.co.short": {"配", "C"},
	"role.admin": {"管理员", "admin"}, "role.reporter": {"报送员", "reporter"},

	"status.achieved": {"已完成", "Achieved"}, "status.on_track": {"按序时推进", "On track"}, "status.at_risk": {"存在风险", "At risk"},
	"status.off_track": {"严重滞后", "Off track"}, "status.missed": {"逾期未完成", "Missed"}, "status.no_data": {"暂无数据", "No data"},
	"bucket.behind": {"滞后", "Behind"},
	"light.green":   {"● 绿灯", "● Green"}, "light.amber": {"▲ 黄灯", "▲ Amber"}, "light.red": {"■ 红灯", "■ Red"}, "light.grey": {"○ 灰灯（无数据）", "○ Grey (no data)"},
	"light.why.green":        {"绿灯：目标均已完成或按序时进度推进。", "Green: every target is achieved or on schedule."},
	"light.why.amber":        {"黄灯：%d项目标落后序时进度，存在风险，需关注。", "Amber: %d targets are behind schedule."},
	"light.why.amber.nodata": {"黄灯：过半目标（%d/%d项）尚无可计入的报送数据，进度无法确认，需督促报送。", "Amber: more than half the targets (%d of %d) have no countable report, so progress cannot be confirmed."},
	"light.why.red":          {"红灯：%d项目标逾期未完成、%d项严重滞后，需督办。", "Red: %d targets missed their deadline and %d are far behind."},
	"light.why.grey":         {"灰灯：尚无可计入的报送数据，无法判断。", "Grey: nothing countable has been reported yet."},

	"cmp.>=": {"不少于", "at least"}, "cmp.>": {"超过", "more than"}, "cmp.<=": {"不超过", "at most"}, "cmp.<": {"低于", "less than"}, "cmp.~": {"约", "about"},
	"kind.flow": {"新增量", "new in period"}, "kind.stock": {"累计量", "cumulative level"}, "kind.rate": {"比率", "rate"},
	"obs.flow": {"期间新增", "new in period"}, "obs.stock": {"累计水平", "cumulative level"}, "obs.rate": {"比率", "rate"},
	"obs.target": {"目标表述", "announced goal"}, "obs.event": {"事件", "event"}, "obs.status": {"情况描述", "state of affairs"},

	"common.asof": {"截至日期", "As of"}, "common.periodended": {"计划期已于%s结束，查看期末情况", "The plan period ended on %s: see its state then"}, "common.apply": {"查看", "Show"}, "common.none": {"无", "None"}, "common.cancel": {"取消", "Cancel"},
	"common.share": {"完成比例", "Share done"}, "common.source": {"来源链接", "source"},

	"col.plan": {"计划", "Plan"}, "col.docnumber": {"文号", "Doc. no."}, "col.light": {"总体状态", "Light"}, "col.total": {"目标数", "Targets"},
	"col.target": {"目标", "Target"}, "col.task": {"任务", "Task"}, "col.lead": {"牵头单位", "Lead unit"}, "col.co": {"配合单位", "Co-units"},
	"col.deadline": {"完成时限", "Deadline"}, "col.goal": {"目标值", "Goal"}, "col.counted": {"已完成量", "Counted"}, "col.share": {"完成比例", "Share"},
	"col.expected": {"序时进度", "Expected by now"}, "col.projected": {"按当前进度预计到期", "Projected at deadline"},
	"col.status": {"状态", "Status"}, "col.explanation": {"判断依据", "Why"}, "col.no": {"序号", "No."}, "col.section": {"板块", "Section"},
	"col.value": {"数值", "Value"}, "col.period": {"统计期", "Period"}, "col.kind": {"类型", "Kind"}, "col.scope": {"范围", "Scope"},
	"col.source": {"来源", "Source"}, "col.quote": {"原文", "Quote"}, "col.reported": {"报送", "Reported by"}, "col.reason": {"未计入原因", "Why not counted"},
	"col.date": {"日期", "Date"}, "col.created": {"录入时间", "Entered"}, "col.correction": {"更正关系", "Correction"}, "col.unit": {"单位", "Unit"},

	"plans.title": {"行动计划", "Action plans"}, "plans.intro": {"各计划目标进展，截至", "Progress of every plan's targets as of"},
	"plans.empty": {"尚未导入计划。", "No plan imported yet."},

	"overview.title": {"计划总览", "Plan overview"}, "overview.summary": {"总体情况", "Summary"},
	"overview.headline": {"截至%s，本计划共%d项量化目标：已完成%d项，按序时推进%d项，滞后%d项，逾期未完成%d项，暂无数据%d项。", "As of %s the plan has %d quantitative targets: %d achieved, %d on track, %d behind, %d missed, %d with no data."},
	"overview.why":      {"主要滞后任务", "Tasks holding the plan back"}, "overview.none_behind": {"没有滞后或逾期的任务。", "No task is behind or overdue."},
	"overview.charts": {"目标状态分布", "Targets by status"}, "overview.chart.status": {"按状态", "By status"}, "overview.chart.section": {"按板块", "By section"},
	"overview.chart.alt":   {"目标按状态和板块分布的图表，数据见下表", "Chart of targets by status and section; the table below has the figures"},
	"overview.chart.table": {"图表数据（表格）", "Chart data as a table"},
	"overview.overdue":     {"已逾期未完成", "Overdue"}, "overview.none_overdue": {"没有逾期未完成的目标。", "Nothing is overdue."},
	"overview.due": {"未来90天到期", "Due in the next 90 days"}, "overview.none_due": {"未来90天没有到期的目标或节点。", "Nothing falls due in the next 90 days."},
	"overview.recent":       {"最新报送", "Latest evidence"},
	"overview.none_recent":  {"尚无与目标对应的报送。", "No report tied to a target yet."},
	"overview.milestones":   {"工作节点", "Milestones"},
	"overview.context":      {"计划层面的相关报送", "Reports about the plan as a whole"},
	"overview.context.why":  {"这些报送未能对应到具体目标（如年度目标表述、事件、总体情况），仅作背景参考，不计入完成量。", "These reports could not be tied to one target (announced goals, events, general statements); they are context and are not counted."},
	"overview.none_context": {"暂无。", "None yet."},
	"chart.missing":         {"图表组件未随本程序构建（未运行 npm ci 与 vendor.sh），以下以表格显示。", "The chart library was not built into this binary (npm ci and vendor.sh were not run); the figures are shown as tables."},

	"tree.title": {"任务分解", "Task tree"}, "tree.intro": {"按计划章节列出各项任务、牵头与配合单位，以及每个量化目标的完成进度。", "Every task of the plan with its lead and co-units and the progress of each target."},

	"target.explanation": {"判断依据", "How it was judged"}, "target.chart": {"完成量与序时进度", "Progress against schedule"},
	"target.chart.counted": {"已完成量", "Counted"}, "target.chart.expected": {"序时进度（线性）", "Expected (linear)"}, "target.chart.target": {"目标值", "Target"},
	"target.chart.alt":   {"已完成量随时间变化与序时进度、目标值的对比图，数据见下表", "Chart of the counted value over time against schedule and target; the table below has the figures"},
	"target.chart.table": {"图表数据（表格）", "Chart data as a table"},
	"target.used":        {"计入的证据", "Evidence counted"}, "target.none_used": {"尚无计入的报送。", "Nothing counted yet."},
	"target.excluded": {"未计入的报送", "Reports not counted"}, "target.excluded.why": {"以下报送作为背景显示，并说明未计入的原因。", "Shown as context, each with why it was not counted."},
	"target.history": {"更正记录", "Corrections"}, "target.none_history": {"没有更正。", "No corrections."},
	"target.replaced_by": {"已被更正为", "replaced by"}, "target.replaces": {"更正了", "corrects"},

	"ledger.title": {"督办台账", "Supervision ledger"}, "ledger.intro": {"截至%s，共%d项目标。", "As of %s, %d targets."},
	"ledger.xlsx": {"下载 Excel (xlsx)", "Download Excel (xlsx)"}, "ledger.csv": {"下载 CSV", "Download CSV"},
	"ledger.print": {"打印时自动使用A4横向版式。", "Prints on A4 landscape."},

	"unit.lead": {"牵头的目标", "Targets it leads"}, "unit.co": {"配合的目标", "Targets it supports"}, "unit.none": {"没有该单位负责的目标", "No target for this unit"},
	"unit.headline": {"截至%s，牵头%d项目标（滞后%d项、逾期%d项），配合%d项。", "As of %s it leads %d targets (%d behind, %d missed) and supports %d."},

	"matrix.title": {"责任矩阵", "Responsibility matrix"}, "matrix.intro": {"行为单位，列为任务编号；“牵”为牵头，“配”为配合。", "Rows are units, columns tasks; L leads, C supports."},
	"matrix.empty": {"计划中没有标注责任单位的任务。", "No task of this plan names a responsible unit."}, "matrix.tasks": {"任务编号对照", "Task numbers"},

	"deadlines.title": {"时间节点", "Deadlines"}, "deadlines.timeline": {"按完成时限排列", "By deadline"},
	"deadlines.undated": {"另有%d项目标未写明完成时限。", "%d more targets state no deadline."}, "deadlines.milestone": {"节点", "Milestone"},

	"search.title": {"搜索", "Search"}, "search.label": {"搜索计划、任务、单位和目标", "Search plans, tasks, units and targets"},
	"search.placeholder": {"搜索计划、任务、单位…", "Search…"}, "search.button": {"搜索", "Search"},
	"search.nothing": {"没有找到“%s”。", "Nothing found for “%s”."}, "search.toomany": {"结果较多，仅显示每类前50条。", "Many results; the first 50 of each kind are shown."},
	"search.toolong": {"搜索词过长（不超过100字）。", "Search text too long (100 characters at most)."},
	"search.plans":   {"计划", "Plans"}, "search.units": {"单位", "Units"}, "search.targets": {"目标", "Targets"}, "search.tasks": {"任务", "Tasks"},

	"login.title": {"登录", "Log in"}, "login.token": {"访问令牌", "Access token"}, "login.submit": {"登录", "Log in"},
	"login.hint": {"令牌由管理员发放（planwatch token create 或“管理”页面）。", "Tokens are issued by an admin (planwatch token create or the Admin page)."},
	"login.bad":  {"令牌无效或已吊销。", "Invalid or revoked token."}, "login.already": {"当前已登录：", "Logged in as"},

	"report.title": {"报送进展", "Report progress"}, "report.submit": {"提交报送", "Submit"}, "report.saved": {"报送已保存，状态已重新判断。", "Report saved; the status was judged again."},
	"report.fix":       {"请按提示修改后再提交。", "Please correct the fields marked below."},
	"report.forbidden": {"您所在单位不是该任务的牵头或配合单位，不能报送。", "Your unit neither leads nor supports this task, so you cannot report on it."},
	"report.value":     {"数值", "Value"}, "report.kind": {"数据类型", "Kind of figure"},
	"report.kind.hint":    {"期间新增：统计期内新增的数量；累计水平：截至统计期末的总量；比率：百分比。", "New in period: added during the period; cumulative level: total at period end; rate: a percentage."},
	"report.period_start": {"统计期起", "Period from"}, "report.period_end": {"统计期止", "Period to"}, "report.scope": {"统计范围", "Scope"},
	"report.source_url": {"来源（网址或文件名）", "Source (URL or document)"}, "report.source_date": {"来源日期", "Source date"},
	"report.quote": {"原文摘录", "Quote"}, "report.quote.hint": {"摘录来源中包含该数字的原句。", "The sentence of the source that states the figure."},
	"report.note":               {"备注", "Note"},
	"report.err.value_required": {"请填写数值。", "Enter a value."}, "report.err.value_number": {"数值须为数字，如 30490 或 85.5。", "The value must be a number, e.g. 30490 or 85.5."},
	"report.err.value_negative": {"数值不能为负。", "The value cannot be negative."}, "report.err.kind": {"请选择数据类型。", "Choose a kind."},
	"report.err.date_required": {"请填写统计期止日期。", "Enter the period end."}, "report.err.date": {"日期格式应为 年-月-日。", "Dates are YYYY-MM-DD."},
	"report.err.future":          {"统计期止不能晚于今天。", "The period cannot end in the future."},
	"report.err.start_required":  {"期间新增须填写统计期起。", "A figure new in a period needs the period start."},
	"report.err.order":           {"统计期起不能晚于统计期止。", "The period start is after its end."},
	"report.err.source_required": {"请注明来源。", "Name the source."}, "report.err.source_url": {"网址须以 http:// 或 https:// 开头。", "A URL must start with http:// or https://."},
	"report.err.quote_long": {"原文摘录过长（不超过2000字）。", "Quote too long (2000 characters at most)."},

	"admin.title": {"管理", "Admin"}, "admin.forbidden": {"仅管理员可访问。", "Admins only."},
	"admin.tokens": {"访问令牌", "Tokens"}, "admin.units": {"单位及别名", "Units and aliases"},
	"admin.token_name": {"令牌名称", "Token name"}, "admin.token_role": {"角色", "Role"}, "admin.token_unit": {"所属单位（报送员必填）", "Unit (reporters)"},
	"admin.token.create": {"创建令牌", "Create token"}, "admin.unit_name": {"单位全称", "Unit name"}, "admin.unit_aliases": {"别名（用顿号分隔）", "Aliases (separated by 、)"},
	"admin.unit.create": {"添加单位", "Add unit"}, "admin.alias": {"新别名", "New alias"}, "admin.alias.add": {"添加别名", "Add alias"},
	"admin.secret":       {"新令牌的密钥只显示这一次，请立即复制并交给使用人。", "The new token's secret is shown this once: copy it now and hand it over."},
	"admin.secret.label": {"密钥", "Secret"}, "admin.revoked": {"已吊销", "revoked"}, "admin.live": {"有效", "live"},
	"admin.revoke": {"吊销", "Revoke"}, "admin.done.revoke": {"已吊销令牌 #", "Revoked token #"}, "admin.err.self": {"不能吊销当前登录所用的令牌。", "You cannot revoke the token you are logged in with."},
	"admin.done.unit": {"已添加单位：", "Unit added: "}, "admin.done.alias": {"已添加别名：", "Alias added: "},
	"admin.err.name": {"请填写名称。", "Enter a name."}, "admin.err.role": {"请选择角色。", "Choose a role."}, "admin.err.unit": {"报送员须指定单位。", "A reporter needs a unit."},
	"admin.users": {"用户", "Users"}, "admin.user_name": {"用户名称（如“市工信局 张三”）", "User name (a person or an office)"},
	"admin.user_role": {"角色", "Role"}, "admin.user_unit": {"所属单位（报送员必填）", "Unit (reporters)"}, "admin.user.create": {"添加用户", "Add user"},
	"admin.user.tokens": {"有效令牌", "Live tokens"}, "admin.user.enabled": {"启用", "enabled"}, "admin.user.disabled": {"已停用", "disabled"},
	"admin.disable": {"停用", "Disable"}, "admin.done.user": {"已添加用户：", "User added: "}, "admin.done.disable": {"已停用用户 #", "Disabled user #"},
	"admin.err.selfuser": {"不能停用当前登录所用令牌的用户。", "You cannot disable the user you are logged in as."},
	"admin.err.user":     {"请选择一个启用中的用户。", "Choose an enabled user."}, "admin.err.collective": {"这是泛指，请指定具体单位。", "A collective name: name one unit."},
	"admin.token_user": {"用户", "User"}, "admin.token_user.none": {"（不选：按下列名称、角色、单位）", "(none: by the name, role and unit below)"},
	"admin.token_user.hint": {"选择用户后，令牌的角色和单位随该用户，名称可留空。", "With a user chosen, the token takes the user's role and unit; the name may be left empty."},

	"import.title": {"导入计划", "Import a plan"},
	"import.intro": {"粘贴计划全文或上传 .txt / .docx 文件，先预览解析结果，核对并更正后再保存。", "Paste the plan's text or upload a .txt or .docx file; check and correct what was read, then save."},
	"import.login": {"预览与保存需要先登录。", "Log in to preview and save."},
	"import.file":  {"上传文件（.txt 或 .docx）", "Upload a file (.txt or .docx)"}, "import.paste": {"或粘贴全文", "Or paste the text"},
	"import.source_name": {"来源名称（可选）", "Source name (optional)"}, "import.scope": {"适用范围（可选）", "Jurisdiction (optional)"},
	"import.scope.hint": {"如“长沙市”；留空则按发文机关推断。", "E.g. 长沙市; left empty it is taken from the issuer."},
	"import.preview":    {"解析预览", "Preview"}, "import.recheck": {"应用更正并重新预览", "Apply corrections and preview again"}, "import.save": {"保存计划", "Save plan"},
	"import.adminonly": {"仅管理员可保存。", "Only an admin can save."}, "import.forbidden": {"仅管理员可保存计划。", "Only an admin can save a plan."},
	"import.read":   {"读出%d个章节、%d项量化目标。左侧可更正，右侧为原文，标记处为读取位置。", "Read %d sections and %d targets. Correct on the left; the source on the right marks where each was read."},
	"import.parsed": {"解析结果", "What was read"}, "import.source": {"原文", "Source text"},
	"import.f.title": {"标题", "Title"}, "import.f.doc": {"文号", "Doc. number"}, "import.f.issuer": {"发文机关", "Issuer"},
	"import.f.cmp": {"比较", "Comparator"}, "import.f.value": {"目标值", "Value"}, "import.f.unit": {"计量单位", "Unit"},
	"import.legend.unit": {"单位", "unit"}, "import.legend.target": {"目标", "target"}, "import.legend.milestone": {"节点", "milestone"}, "import.legend.deadline": {"时限", "deadline"},
	"import.err.empty": {"请粘贴计划文本或选择文件。", "Paste the plan text or choose a file."}, "import.err.toolarge": {"文件过大（不超过8MB）。", "Too large (8 MB at most)."},
	"import.err.title": {"标题不能为空。", "The title cannot be empty."}, "import.err.notplan": {"没有读到编号的章节、责任单位或目标，这不像一份行动计划，未保存。", "No numbered sections, units or targets were found: this does not look like an action plan. Nothing was saved."}, "import.err.exists": {"该计划已导入（文号相同）。", "This plan is already imported (same document number)."},

	"err.title": {"出错了", "Something went wrong"}, "err.internal": {"服务器内部错误，已记录日志。", "Internal error; it has been logged."},
	"err.notfound": {"页面不存在", "Page not found"}, "err.back": {"返回计划列表", "Back to plans"},
}

// message returns key in lang; a missing key shows as itself, so a gap is
// visible on the page rather than blank (and the test catches it first).
func message(lang, key string) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	if lang == langEN {
		return m[1]
	}
	return m[0]
}
