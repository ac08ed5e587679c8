package demo

import "github.com/planwatch/planwatch/internal/plan"

// rule says where one indicator of changsha_outcomes.csv belongs. Targets
// are found in the parsed plan by words, never by ID, so the demo follows
// the parser: task words pick the task by its title, subject words pick
// one of its targets by subject or quote. README.md explains each row.
type rule struct {
	key string
	// task: words of the task title; empty leaves the row as plan context.
	task string
	// subject: words of the target; empty keeps the row as context of the task.
	subject string
	// kind overrides the kind read from the CSV's kind column.
	kind string
	// start is a flow's first day, read from the CSV's wording ("Jan-Nov 2020").
	start plan.Date
	// province marks figures for the whole of Hunan, not Changsha.
	province bool
	// end replaces an unknown period_end (see README.md).
	end  plan.Date
	note string
}

const (
	task5G        = "5G网络规模建设"
	taskIndustry  = "工业互联网"
	taskNet       = "下一代互联网"
	taskBigData   = "大数据基础设施"
	taskAI        = "人工智能创新发展"
	taskChain     = "区块链"
	taskEducation = "智慧教育"
	taskGrid      = "智慧电网"
)

// Unknown dates: the source gives none; the CSV guesses "likely early
// 2021". period_end may not be empty, so these status rows carry the end
// of that guess and say so in their note; as statuses they never count.
const guessedEarly2021 = plan.Date("2021-03-31")

var rules = []rule{
	{key: "5g_base_stations_target_2020", task: task5G, subject: "5G基站",
		note: "年度目标（约3万个），不是完成数"},
	{key: "5g_base_stations_new", task: task5G, subject: "5G基站", start: "2020-01-01",
		note: "1—11月新建数；原文未说明基站口径，按物理基站“个”计入"},
	{key: "5g_base_stations_new_expected", task: task5G, subject: "5G基站", kind: plan.ObsTarget,
		note: "全年预计数，不是统计结果，仅作背景"},
	{key: "telecom_base_stations_target_2021", task: task5G,
		note: "通讯基站年度目标，未限定5G，不能对应“新建5G基站”目标；作任务背景"},
	{key: "5g_logical_base_stations_new", task: task5G, subject: "5G基站", start: "2022-01-01",
		note: "逻辑基站（按小区/扇区计）与计划的“个”口径不同，保留原单位，不计入"},
	{key: "5g_logical_base_stations_cumulative", task: task5G, subject: "5G基站",
		note: "逻辑基站累计数，口径与计划不同，保留原单位，不计入"},
	{key: "5g_base_stations_per_10k_people", task: task5G,
		note: "每万人基站数，计划无此指标；作任务背景"},
	{key: "gigabit_city_status", task: task5G, kind: plan.ObsEvent,
		note: "入选首批“千兆城市”，计划无对应量化目标；作背景"},
	{key: "internet_backbone_direct_connection_point", task: taskNet,
		note: "国家级互联网骨干直联点开通，不是计划所列目标；作背景"},
	{key: "industrial_apps_cumulative", task: taskIndustry, subject: "工业APP",
		note: "下限：原文“突破2万个”，按20000计"},
	{key: "enterprises_on_cloud_platforms_cumulative", task: taskIndustry,
		note: "下限：原文“超过10万户”；计划无上云企业数目标，作任务背景"},
	{key: "industrial_internet_platforms_provincial_hunan", task: taskIndustry, subject: "工业互联网平台", province: true,
		note: "湖南全省数，不是长沙数，不计入"},
	{key: "ai_core_and_related_enterprises", task: taskAI,
		note: "下限：原文“2500余家”，含主营业务相关企业，与“40家人工智能骨干企业”不可比；作任务背景"},
	{key: "ai_national_pilot_zone", task: taskAI,
		note: "获批创建国家人工智能创新应用先导区；作背景"},
	{key: "blockchain_provincial_parks", task: taskChain, subject: "区块链产业园", kind: plan.ObsFlow, start: "2020-04-23",
		note: "星沙园于2020-04-23获批为省级区块链产业园：当日新增1个，计入“建成2家”（原文量词“个”，与“家”同为个数）"},
	{key: "blockchain_park_layout", task: taskChain,
		note: "“一城两园”格局，未说明第二园是否为省级；作背景"},
	{key: "blockchain_national_pilot_city", task: taskChain,
		note: "入选国家区块链创新应用综合性试点城市；来源未注明日期，按原表记为2021年底"},
	{key: "future_schools_target_2023", task: taskEducation, subject: "未来学校",
		note: "2023年新目标（在计划期外），没有找到完成数；仅作背景"},
	{key: "digital_classroom_pilot_target_2023", task: taskEducation,
		note: "2023年试点目标，计划无对应指标；作任务背景"},
	{key: "uhv_1000kv_nanchang_changsha", task: taskGrid,
		note: "南昌—长沙特高压工程投运；计划“建成1000千伏长沙交流特高压项目”为定性节点，作背景"},
	{key: "uhv_1000kv_jingmen_changsha_plan", task: taskGrid, kind: plan.ObsTarget,
		note: "计划10月竣工投产，是安排不是结果"},
	{key: "uhv_1000kv_nanyang_jingmen_changsha", task: taskGrid,
		note: "全线竣工（来源2022-10-18），投产定于10月下旬；截止日期按原表"},
	{key: "uhv_and_500kv_winter_projects_2022", task: taskGrid,
		note: "荆门—长沙特高压等竣工投产；不是“500千伏及以上输变电工程11项”的完整计数，作背景"},
	{key: "gov_cloud_users", task: taskBigData, end: guessedEarly2021,
		note: "日期不详：来源未注明，原表推测约2021年初，截止日期按2021-03-31估计，仅用于排序；未提及政务云二期"},
	{key: "city_super_brain_usage", task: taskBigData, end: guessedEarly2021,
		note: "日期不详：来源未注明，原表推测约2021年初，截止日期按2021-03-31估计，仅用于排序"},
	{key: "city_command_center", task: taskBigData, end: guessedEarly2021,
		note: "日期不详：来源未注明，原表推测约2021年初，截止日期按2021-03-31估计；指挥中心在建，未提“城市运行中心”"},
	{key: "5g_base_stations_hunan_province", task: task5G, subject: "5G基站", province: true,
		note: "湖南全省累计数，不是长沙数，不计入"},
	{key: "5g_base_stations_new_hunan_province", task: task5G, subject: "5G基站", province: true, start: "2020-01-01",
		note: "湖南全省新增数，不是长沙数，不计入"},
	{key: "5g_app_scenarios_hunan_province", task: task5G, subject: "应用场景", province: true,
		note: "湖南全省发布的典型应用场景，不是长沙的示范应用场景，不计入"},
}

func ruleFor(key string) (rule, bool) {
	for _, r := range rules {
		if r.key == key {
			return r, true
		}
	}
	return rule{}, false
}
