package planparse

// Word lists of the commitment reader. They follow how Chinese action
// plans are written, not any one plan.

// nonTargetUnits never measure a commitment: dates and periods, document
// and line numbers ("23号", "2号线"), voltage and size classes ("1000千伏",
// "三级").
var nonTargetUnits = map[string]bool{
	"年": true, "月": true, "日": true, "号": true, "季度": true, "周": true,
	"千伏": true, "伏": true, "千伏安": true, "级": true, "星": true, "届": true, "期": true,
	"轮": true, "节": true, "代": true,
}

// ageUnits state an age: a class of people ("65岁以上老年人") unless a
// comparator makes it a level to reach ("人均预期寿命提高到79岁").
var ageUnits = map[string]bool{"岁": true, "周岁": true}

// rateUnits make a target a rate.
var rateUnits = map[string]bool{"%": true, "‰": true, "个百分点": true, "/10万": true, "/万": true, "/千": true, "/100": true, "/1000": true}

// sizeUnits measure the size of a thing rather than count things; "N亩
// 以上的园区" is a class of parks.
var sizeUnits = map[string]bool{
	"亩": true, "公顷": true, "平方米": true, "平方公里": true, "立方米": true, "元": true,
	"美元": true, "吨": true, "蒸吨": true, "千瓦": true, "兆瓦": true, "米": true, "公里": true,
	"千米": true, "千瓦时": true, "吉瓦": true, "吉瓦时": true, "兆瓦时": true,
}

// countUnits are measure words that count things, for numbers in Chinese
// numerals ("建成三个中心"); 批, 类, 种 are left out ("一批", "三类").
var countUnits = map[string]bool{
	"个": true, "家": true, "所": true, "座": true, "项": true, "户": true, "人": true,
	"名": true, "张": true, "条": true, "台": true, "套": true, "辆": true, "处": true,
	"万": true, "亩": true, "公里": true, "元": true, "场": true, "次": true, "人次": true,
	"家次": true, "户次": true, "车次": true, "架次": true, "台套": true, "台次": true,
}

// frequencyWords mark a routine, whose numbers are frequencies
// ("每季度开展1次督查") rather than amounts to reach.
var frequencyWords = [...]string{"每季度", "每月", "每周", "每年", "每半年", "每日", "每天", "每两年"}

// banWords make a number a threshold of what is forbidden.
var banWords = [...]string{"不再", "禁止", "严禁", "不准", "不得新建", "不予审批"}

// grantWords mark the amount of a grant or subsidy, or the basis it is
// reckoned on ("按投资额的10%给予补助", "单个项目最高不超过50万元"): what
// the government pays per case, not a quantity to reach. Not 一次性: a
// one-off grant always says 给予, 奖励 or 补助 too, and alone the word is
// a product ("一次性餐具").
var grantWords = [...]string{
	"给予", "最高", "最多", "单个项目", "单项", "每个项目", "奖励", "补助", "补贴", "奖补", "资助",
	"贴息",
}

var banWordsSet = newWordSet(banWords[:]...)

var grantWordsSet = newWordSet(grantWords[:]...)

var frequencyWordsSet = newWordSet(frequencyWords[:]...)

// specWords stand before a figure that describes what a project is, not
// how many are to be made: "建设年产10万吨…项目", "日处理500吨".
var specWords = [...]string{"年产", "日产", "年处理", "日处理", "时速", "设计", "年吞吐", "年加工"}

// flowVerbs make things that are new within the plan period.
var flowVerbs = [...]string{
	"新建", "新增", "建设", "建成", "打造", "培育", "引进", "创建", "完成", "开展", "实施",
	"改造", "招引", "组建", "设立", "认定", "新认定", "举办", "组织", "培训", "招聘", "推广",
	"发展", "上线", "开通", "修建", "新改建", "改扩建", "提供", "帮助", "解决", "安置",
	"转移", "带动", "吸纳", "淘汰", "关停", "整治", "治理", "复垦", "垦造", "盘活", "收储",
	"出让", "供应", "筹集", "安排", "投入", "减税", "降费", "争取", "落地", "签约", "入驻",
	"推进", "增加", "开工", "新开工", "筹建", "新开", "推动", "救助", "引育", "引才", "培树", "评选", "创成", "资助", "筛查", "接种", "检测", "种植", "造林", "植树",
	"铺设", "敷设", "布局", "部署", "加装", "增设", "配建", "配备", "启动",
}

var flowVerbsSet = newWordSet(flowVerbs[:]...)

// levelWords make a target a level to be at by its deadline.
var levelWords = [...]string{"累计", "总数", "总量", "规模", "保有量", "达到", "达", "数量", "余额", "存量", "总计", "保持"}

// rateWords in a subject make it a rate: a share, a per-head figure or a
// concentration. "增长"/"下降" do only with a percentage, which the unit
// already says; "5G用户增长50万户" is an amount.
var rateWords = [...]string{
	"率", "占比", "比重", "比例", "人均", "每千", "每万", "每百", "每十万",
	"浓度", "强度", "密度", "增速", "床人比", "医护比",
}

var rateWordsSet = newWordSet(rateWords[:]...)

var levelWordsSet = newWordSet(levelWords[:]...)

// newVerbs are kept in a subject: they name the indicator ("新增公交线路").
var newVerbs = [...]string{"新建成", "新建", "新增", "新认定", "新培育", "新开工", "新改建", "新改扩建", "新引进", "新设立", "新上线"}

// subjectLead are stripped from the front of a subject, longest first
// where one is a prefix of another.
var subjectLead = [...]string{
	"、", "，", ",", "和", "及", "以及", "并", "且", "同时", "其中", "另外",
	"全市", "全县", "全区", "全省", "全州", "全旗", "全盟", "全镇", "全乡", "全域", "我市", "本市",
	"我县", "我区", "我省", "各地", "全年", "年内", "全部", "所有", "年度",
	"力争", "争取", "努力", "确保", "计划", "预计", "力求", "累计", "总计",
	"实现", "完成", "开展", "实施", "建设", "建成", "打造", "培育形成", "培育", "引进", "创建",
	"形成", "推动", "推进", "加快", "组织", "组建", "招引", "提供", "举办", "支持", "扶持",
	"帮助", "引进培养", "培养", "发展", "部署", "布局", "启动", "安排", "投入", "新增建设",
	"为", "上线", "开通", "落实", "新培育形成", "原则上",
}

// subjectLeadKeep are words that start with a stripped verb but are
// nouns themselves ("建设用地复垦").
var subjectLeadKeep = [...]string{"建设用地", "发展改革", "实施方案", "开展情况", "建成区", "建设工程", "实施主体"}

// subjectTrail are stripped from the end of a subject.
var subjectTrail = [...]string{"累计", "总计", "分别", "共", "均", "的", "为", "要", "将", "，", "、", "达", "再", "做到", "在"}
