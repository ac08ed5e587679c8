package planparse

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/plan"
)

// asciiPunct rewrites full-width punctuation as ASCII, as web pages and
// search corpora often deliver plans; every commitment test runs in both.
var asciiPunct = strings.NewReplacer("，", ",", "；", ";", "：", ":", "（", "(", "）", ")", "！", "!", "？", "?")

// targetWant is a target a test expects; zero fields other than Value, Unit and
// Comparator are checked only when set.
type targetWant struct {
	value      float64
	unit       string
	cmp        string
	deadline   plan.Date // "none" asserts no deadline; "" does not check
	subject    string
	quote      string
	cumulative bool
	kind       string
}

func TestReadCommitmentsTargets(t *testing.T) {
	tests := []struct {
		name      string
		body      string
		docYear   int
		inherited plan.Date
		want      []targetWant
	}{
		{
			name:    "paragraph opener dates every target, multiplier and 以上",
			body:    "到2022年，全市基本完成5G规模组网并实现规模化商用，新建5G基站4万个以上，打造10个以上5G示范应用场景。",
			docYear: 2020,
			want: []targetWant{
				{value: 40000, unit: "个", cmp: ">=", deadline: "2022-12-31", subject: "新建5G基站", quote: "新建5G基站4万个以上", kind: "flow"},
				{value: 10, unit: "个", cmp: ">=", deadline: "2022-12-31", subject: "5G示范应用场景", quote: "打造10个以上5G示范应用场景", kind: "flow"},
			},
		},
		{
			name:    "累计 is cumulative stock",
			body:    "到2022年，打造10个省级以上工业互联网平台，累计培育3000个以上工业APP，工业互联网平台建设与应用水平进入全国前列。",
			docYear: 2020,
			want: []targetWant{
				{value: 10, unit: "个", cmp: ">=", deadline: "2022-12-31", subject: "省级以上工业互联网平台", kind: "flow"},
				{value: 3000, unit: "个", cmp: ">=", deadline: "2022-12-31", subject: "工业APP", cumulative: true, kind: "stock", quote: "累计培育3000个以上工业APP"},
			},
		},
		{
			name:    "share with 超过, the 6 of IPv6 is no number",
			body:    "到2022年，推动网络、应用、终端全面支持IPv6，实现IPv6活跃用户占比互联网用户超过60%。",
			docYear: 2020,
			want: []targetWant{
				{value: 60, unit: "%", cmp: ">", deadline: "2022-12-31", subject: "IPv6活跃用户占比互联网用户", kind: "rate"},
			},
		},
		{
			name:    "verb-led items split on the comma",
			body:    "到2022年，建成2家省级以上人工智能产业园，打造40家具有核心竞争力的人工智能骨干企业，人工智能产业总体水平位居全国前列。",
			docYear: 2020,
			want: []targetWant{
				{value: 2, unit: "家", subject: "省级以上人工智能产业园", quote: "建成2家省级以上人工智能产业园"},
				{value: 40, unit: "家", subject: "人工智能骨干企业"},
			},
		},
		{
			name:    "items split on 、 when each has its number",
			body:    "完成垦造耕地2000亩、建设用地复垦1000亩、城镇低效用地",
			docYear: 2022,
			want: []targetWant{
				{value: 2000, unit: "亩", cmp: ">=", subject: "垦造耕地", quote: "完成垦造耕地2000亩"},
				{value: 1000, unit: "亩", cmp: ">=", subject: "建设用地复垦", quote: "建设用地复垦1000亩"},
			},
		},
		{
			name:    "、 inside a subject does not split it",
			body:    "新建成公办中小学、幼儿园7所，新增中小学、幼儿园公办学位6800个。",
			docYear: 2022,
			want: []targetWant{
				{value: 7, unit: "所", subject: "新建成公办中小学、幼儿园", quote: "新建成公办中小学、幼儿园7所"},
				{value: 6800, unit: "个", subject: "新增中小学、幼儿园公办学位"},
			},
		},
		{
			name:    "a bare amount after a verb-led one, rates and 达 levels",
			body:    "到2022年，全市创建市级智慧教育示范区县（市）6个，智慧教育未来学校50所，全市中小学校多媒体教室覆盖率100%，网络学习空间普及率100%，在线网络名师工作室达100个。",
			docYear: 2020,
			want: []targetWant{
				{value: 6, unit: "个", subject: "市级智慧教育示范区县（市）", kind: "flow"},
				{value: 50, unit: "所", subject: "智慧教育未来学校", quote: "智慧教育未来学校50所", kind: "flow"},
				{value: 100, unit: "%", subject: "中小学校多媒体教室覆盖率", kind: "rate"},
				{value: 100, unit: "%", subject: "网络学习空间普及率", kind: "rate"},
				{value: 100, unit: "个", subject: "在线网络名师工作室", quote: "在线网络名师工作室达100个", kind: "stock"},
			},
		},
		{
			name:    "voltage class qualifies the counted projects",
			body:    "到2022年，建成1000千伏长沙交流特高压项目，建设500千伏及以上输变电工程11项，将长沙打造成为华中地区特高压交流重要枢纽。",
			docYear: 2020,
			want: []targetWant{
				{value: 11, unit: "项", cmp: ">=", deadline: "2022-12-31", subject: "500千伏及以上输变电工程", quote: "建设500千伏及以上输变电工程11项"},
			},
		},
		{
			name:    "two deadlines in one sentence",
			body:    "到2020年年底，5G基站数量超过1300个，5G用户突破50万户；到2021年年底，5G基站数量超过3000个。",
			docYear: 2020,
			want: []targetWant{
				{value: 1300, unit: "个", cmp: ">", deadline: "2020-12-31", subject: "5G基站数量", kind: "stock"},
				{value: 500000, unit: "户", cmp: ">", deadline: "2020-12-31", subject: "5G用户"},
				{value: 3000, unit: "个", cmp: ">", deadline: "2021-12-31", subject: "5G基站数量"},
			},
		},
		{
			name:    "deadline holds forward in the paragraph, not into the next",
			body:    "到2022年，新建5G基站4万个。培育10家龙头企业。\n新增公交线路3条。",
			docYear: 2020,
			want: []targetWant{
				{value: 40000, unit: "个", deadline: "2022-12-31"},
				{value: 10, unit: "家", deadline: "2022-12-31"},
				{value: 3, unit: "条", deadline: "none"},
			},
		},
		{
			name:      "inherited deadline where the paragraph gives none",
			body:      "新增公交线路3条，优化调整公交线路20条。",
			docYear:   2022,
			inherited: "2022-12-31",
			want: []targetWant{
				{value: 3, unit: "条", deadline: "2022-12-31", subject: "新增公交线路"},
				{value: 20, unit: "条", deadline: "2022-12-31", subject: "优化调整公交线路"},
			},
		},
		{
			name:    "month deadlines against the document year, item numbers before months",
			body:    "1.婴幼儿照护服务成长驿站：3月底前新建成2家；6月底前新建成2家；9月底前完成7家建设任务。2.婴幼儿照护服务托位：3月底前新增100个以上托位。",
			docYear: 2022,
			want: []targetWant{
				{value: 2, unit: "家", deadline: "2022-03-31", subject: "新建成婴幼儿照护服务成长驿站", quote: "3月底前新建成2家"},
				{value: 2, unit: "家", deadline: "2022-06-30", subject: "新建成婴幼儿照护服务成长驿站"},
				{value: 7, unit: "家", deadline: "2022-09-30"},
				{value: 100, unit: "个", deadline: "2022-03-31", subject: "新增托位", quote: "3月底前新增100个以上托位"},
			},
		},
		{
			name:    "limits: 不超过, 控制在…以下, 降至, 以内",
			body:    "企业开办时间不超过3个工作日，细颗粒物(PM2.5)年均浓度控制在29微克每立方米以下，平均担保费率降至1%以下，审理周期缩短至80天以内。",
			docYear: 2024,
			want: []targetWant{
				{value: 3, unit: "个工作日", cmp: "<=", deadline: "none", subject: "企业开办时间"},
				{value: 29, unit: "微克每立方米", cmp: "<=", subject: "细颗粒物(PM2.5)年均浓度"},
				{value: 1, unit: "%", cmp: "<="},
				{value: 80, unit: "天", cmp: "<="},
			},
		},
		{
			name:    "approximate growth rates",
			body:    "努力实现地区生产总值增长6.2%左右。",
			docYear: 2023,
			want: []targetWant{
				{value: 6.2, unit: "%", cmp: "~", subject: "地区生产总值增长", quote: "努力实现地区生产总值增长6.2%左右", kind: "rate"},
			},
		},
		{
			name:    "enumerated values share subject and comparator",
			body:    "到2020年，全市二氧化硫、氮氧化物和挥发性有机物等主要污染物排放总量比2015年分别下降15%、10%和26%。",
			docYear: 2019,
			want: []targetWant{
				{value: 15, unit: "%", cmp: ">=", deadline: "2020-12-31", kind: "rate"},
				{value: 10, unit: "%", cmp: ">=", deadline: "2020-12-31", kind: "rate"},
				{value: 26, unit: "%", cmp: ">=", deadline: "2020-12-31", kind: "rate"},
			},
		},
		{
			name:    "a ceiling written once holds for every item; 分别 shares out the items",
			body:    "进口、出口整体通关时间分别压缩至30小时、1.5小时以内。",
			docYear: 2024,
			want: []targetWant{
				{value: 30, unit: "小时", cmp: "<=", subject: "进口整体通关时间"},
				{value: 1.5, unit: "小时", cmp: "<=", subject: "出口整体通关时间"},
			},
		},
		{
			name:    "分别 over a paired word",
			body:    "城乡居民人均可支配收入分别增长7%和8%。",
			docYear: 2024,
			want: []targetWant{
				{value: 7, unit: "%", subject: "城镇居民人均可支配收入增长"},
				{value: 8, unit: "%", subject: "农村居民人均可支配收入增长"},
			},
		},
		{
			name:    "per-thousand figures are rates, rates per 10万, a level borrows the thing made",
			body:    "到2025年，全市每千常住人口执业（助理）医师数达到3.5人，孕产妇死亡率控制在10/10万以下。2025年，全市新建5G基站2000个，累计达到8000个。",
			docYear: 2023,
			want: []targetWant{
				{value: 3.5, unit: "人", kind: "rate"},
				{value: 10, unit: "/10万", cmp: "<=", kind: "rate", subject: "孕产妇死亡率"},
				{value: 2000, unit: "个", kind: "flow", subject: "新建5G基站"},
				{value: 8000, unit: "个", kind: "stock", subject: "5G基站", cumulative: true},
			},
		},
		{
			name:    "均 gives every listed item the one value",
			body:    "信访事项及时受理率、按期办结率均达到100%。",
			docYear: 2024,
			want: []targetWant{
				{value: 100, unit: "%", cmp: ">=", subject: "信访事项及时受理率", kind: "rate"},
				{value: 100, unit: "%", cmp: ">=", subject: "按期办结率", kind: "rate"},
			},
		},
		{
			name:    "年底前 after a dated clause, 全部 is no subject",
			body:    "2022年9月底前完成首批24个小区管网改造，年底前完成全部56个小区管网改造。",
			docYear: 0,
			want: []targetWant{
				{value: 24, unit: "个", deadline: "2022-09-30"},
				{value: 56, unit: "个", deadline: "2022-12-31", subject: "小区管网改造", quote: "年底前完成全部56个小区管网改造"},
			},
		},
		{
			name:    "Chinese numerals after a comparator, ranges by their lower bound",
			body:    "到2025年，培育形成2个千亿级产业集群和6个五百亿级产业集群，力争实现全市8大重点产业集群总量超过五千亿规模，力争培育8—10个百亿企业。",
			docYear: 2020,
			want: []targetWant{
				{value: 2, unit: "个", subject: "千亿级产业集群"},
				{value: 6, unit: "个", subject: "五百亿级产业集群"},
				{value: 5e11, unit: "", cmp: ">"},
				{value: 8, unit: "个", subject: "百亿企业"},
			},
		},
		{
			name:    "share first, subject after; ratios by their second term",
			body:    "到2025年，每千人床位数达到6.8张，公立医院床人比不低于1:1.6，50%以上旗区级综合医院达到国家县级医院医疗服务能力推荐标准。",
			docYear: 2024,
			want: []targetWant{
				{value: 6.8, unit: "张", cmp: ">=", subject: "每千人床位数", kind: "rate"},
				{value: 1.6, unit: "", cmp: ">=", kind: "rate"},
				{value: 50, unit: "%", cmp: ">=", subject: "旗区级综合医院达到国家县级医院医疗服务能力推荐标准"},
			},
		},
		{
			name:    "money with 亿元 and full-width digits",
			body:    "到２０２５年，全省数字经济核心产业增加值达到３０００亿元以上。",
			docYear: 2023,
			want: []targetWant{
				{value: 3e11, unit: "元", cmp: ">=", deadline: "2025-12-31", subject: "数字经济核心产业增加值"},
			},
		},
		{
			name:    "a later deadline in the same sentence dates an undated figure",
			body:    "软件业务收入年均增长12%以上，到2025年达到1200亿元。",
			docYear: 2023,
			want: []targetWant{
				{value: 12, unit: "%", deadline: "2025-12-31"},
				{value: 1.2e11, unit: "元", deadline: "2025-12-31"},
			},
		},
		{
			name:    "per-clause years in a breakdown",
			body:    "建设5G智慧农业示范基地5个，其中2023年建成2个、2024年建成3个。",
			docYear: 2023,
			want: []targetWant{
				{value: 5, unit: "个", deadline: "2024-12-31"},
				{value: 2, unit: "个", deadline: "2023-12-31"},
				{value: 3, unit: "个", deadline: "2024-12-31"},
			},
		},
		{
			name:    "ages are classes unless a comparator makes them levels",
			body:    "人均预期寿命提高到79岁，65岁以上老年人健康管理率达到70%。",
			docYear: 2023,
			want: []targetWant{
				{value: 79, unit: "岁", cmp: ">=", subject: "人均预期寿命"},
				{value: 70, unit: "%", cmp: ">=", subject: "65岁以上老年人健康管理率"},
			},
		},
		{
			name:    "items with no verb each close with their amount",
			body:    "引育高层次人才500名、青年人才2万名，建成区绿地率达到38%，粮食总产量保持在20亿斤以上。",
			docYear: 2023,
			want: []targetWant{
				{value: 500, unit: "名", subject: "引育高层次人才"},
				{value: 20000, unit: "名", subject: "青年人才"},
				{value: 38, unit: "%", subject: "建成区绿地率"},
				{value: 2e9, unit: "斤", subject: "粮食总产量"},
			},
		},
		{
			name:    "the sentence turns from the past to this year",
			body:    "截至2022年底，全市共建成5G基站1.2万个，今年再新建3000个。",
			docYear: 2023,
			want: []targetWant{
				{value: 3000, unit: "个", cmp: ">=", kind: "flow"},
			},
		},
		{
			name:    "subjects: qualifiers, member lists, 占 shares, means phrases, stacked comparators",
			body:    "2022年9月底前完成首批24个小区管网改造；2022年启动老城、滨湖、火车站3个片区城市更新试点；数字经济核心产业增加值达到3000亿元以上，占地区生产总值比重达到10%；依托县现代农业产业园建设5G智慧农业示范基地5个；施工许可办理时限压缩至不超过5个工作日。",
			docYear: 2022,
			want: []targetWant{
				{value: 24, unit: "个", deadline: "2022-09-30", subject: "首批小区管网改造", quote: "2022年9月底前完成首批24个小区管网改造"},
				{value: 3, unit: "个", deadline: "2022-12-31", subject: "片区城市更新试点"},
				{value: 3e11, unit: "元", subject: "数字经济核心产业增加值"},
				{value: 10, unit: "%", subject: "数字经济核心产业增加值占地区生产总值比重", kind: "rate"},
				{value: 5, unit: "个", subject: "5G智慧农业示范基地", kind: "flow"},
				{value: 5, unit: "个工作日", cmp: "<=", subject: "施工许可办理时限"},
			},
		},
		{
			name:    "a starting point is no target, the end point is",
			body:    "企业开办时间由5个工作日压缩至1个工作日以内。",
			docYear: 2023,
			want: []targetWant{
				{value: 1, unit: "个工作日", cmp: "<="},
			},
		},
		{
			name:    "a parenthesis after the unit, 全年 after 力争, ceilings are levels",
			body:    "新开工保障性租赁住房1万套（间），力争全年到位资金不低于30亿元，工程建设项目审批时间压减至50个工作日以内。",
			docYear: 2023,
			want: []targetWant{
				{value: 10000, unit: "套", subject: "新开工保障性租赁住房", kind: "flow"},
				{value: 3e9, unit: "元", deadline: "2023-12-31", subject: "到位资金"},
				{value: 50, unit: "个工作日", cmp: "<=", deadline: "2023-12-31", kind: "stock"},
			},
		},
		{
			name:    "Chinese percentages lead their subject, growth borrows the level's subject, 计划 after a year",
			body:    "百分之九十以上的行政村通5G。2023年计划完成投资150亿元。到2025年，力争全市数字经济规模突破1万亿元，年均增长15%以上。",
			docYear: 2023,
			want: []targetWant{
				{value: 90, unit: "%", cmp: ">=", subject: "行政村通5G", kind: "rate"},
				{value: 1.5e10, unit: "元", deadline: "2023-12-31", subject: "投资"},
				{value: 1e12, unit: "元", cmp: ">", deadline: "2025-12-31", subject: "数字经济规模"},
				{value: 15, unit: "%", cmp: ">=", deadline: "2025-12-31", subject: "数字经济规模年均增长"},
			},
		},
		{
			name:    "Chinese numerals after a verb of making",
			body:    "新建两所学校，打造三个示范区，建设一批重点项目，形成“一张网”，新增五千个停车位。",
			docYear: 2023,
			want: []targetWant{
				{value: 2, unit: "所", subject: "新建学校"},
				{value: 3, unit: "个", subject: "示范区"},
				{value: 5000, unit: "个", subject: "新增停车位"},
			},
		},
		{
			name:    "a size class after the count",
			body:    "新建2个10万吨级码头泊位。",
			docYear: 2023,
			want: []targetWant{
				{value: 2, unit: "个", subject: "新建10万吨级码头泊位"},
			},
		},
		{
			name:    "a deadline in parentheses after the figure wins over the paragraph's, for its item only",
			body:    "到2024年，完成老旧小区改造50个（6月底前），新建公厕20座。",
			docYear: 2024,
			want: []targetWant{
				{value: 50, unit: "个", deadline: "2024-06-30"},
				{value: 20, unit: "座", deadline: "2024-12-31"},
			},
		},
		{
			name:    "a stage's month does not date the whole; a bare verb borrows the thing",
			body:    "改造提升农贸市场8个，其中上半年完成4个。\n建设人才公寓1000套，2024年6月底前交付500套。",
			docYear: 2024,
			want: []targetWant{
				{value: 8, unit: "个", deadline: "none"},
				{value: 4, unit: "个", deadline: "2024-06-30", subject: "改造提升农贸市场"},
				{value: 1000, unit: "套", deadline: "none", subject: "人才公寓"},
				{value: 500, unit: "套", deadline: "2024-06-30", subject: "交付人才公寓"},
			},
		},
		{
			name:    "bare year opening the clause",
			body:    "2022年，完成老旧小区改造56个，惠及居民1.2万户。",
			docYear: 2022,
			want: []targetWant{
				{value: 56, unit: "个", deadline: "2022-12-31", subject: "老旧小区改造"},
				{value: 12000, unit: "户", deadline: "2022-12-31"},
			},
		},
		{
			name:    "a year's worth (年度) dates its figures",
			body:    "2024年度完成投资150亿元，2024年度重点工作另行部署。",
			docYear: 2024,
			want: []targetWant{
				{value: 1.5e10, unit: "元", deadline: "2024-12-31"},
			},
		},
		{
			name:    "compound measure words stay whole; 万千瓦时 is 千瓦时 times 万",
			body:    "到2025年，开展执法检查不少于3000户次，光伏年发电量达到1.2万千瓦时，储能规模达到15吉瓦时，培训驾驶员2000人次。",
			docYear: 2024,
			want: []targetWant{
				{value: 3000, unit: "户次", cmp: ">="},
				{value: 12000, unit: "千瓦时", cmp: ">="},
				{value: 15, unit: "吉瓦时", cmp: ">="},
				{value: 2000, unit: "人次", cmp: ">="},
			},
		},
		{
			name:      "a deadline opening the sentence carries to the next sentences",
			body:      "到2025年，农村卫生厕所普及率达到92%。集体经济收入突破2亿元。",
			docYear:   2024,
			inherited: "2026-12-31",
			want: []targetWant{
				{value: 92, unit: "%", deadline: "2025-12-31"},
				{value: 2e8, unit: "元", cmp: ">", deadline: "2025-12-31"},
			},
		},
		{
			name:      "a deadline opening a later clause dates its sentence only",
			body:      "稳妥推进延包试点，6月底前完成确权数据核实，核实村庄120个。经营收入10万元以上的村占比达到80%。",
			docYear:   2025,
			inherited: "2025-12-31",
			want: []targetWant{
				{value: 120, unit: "个", deadline: "2025-06-30"},
				{value: 80, unit: "%", deadline: "2025-12-31"},
			},
		},
		{
			name:      "a deadline opening a numbered item dates that item only",
			body:      "1.开展全覆盖排查；2.8月底前完成摸底，排查企业300家；3.接入监测点位不少于1.5万个。",
			docYear:   2024,
			inherited: "2024-12-31",
			want: []targetWant{
				{value: 300, unit: "家", deadline: "2024-08-31"},
				{value: 15000, unit: "个", deadline: "2024-12-31"},
			},
		},
		{
			name:    "past a semicolon a clause-opening deadline still holds",
			body:    "软件业务收入年均增长12%以上，到2025年达到1200亿元；新认定重点软件企业累计不少于200家。",
			docYear: 2023,
			want: []targetWant{
				{value: 12, unit: "%", deadline: "2025-12-31"},
				{value: 1.2e11, unit: "元", deadline: "2025-12-31"},
				{value: 200, unit: "家", deadline: "2025-12-31", cumulative: true},
			},
		},
		{
			name:      "a deadline inside a clause dates its clause only",
			body:      "对危化企业10月底前实现指导服务全覆盖，新建微型消防站50个。",
			docYear:   2024,
			inherited: "2024-11-30",
			want: []targetWant{
				{value: 50, unit: "个", deadline: "2024-11-30"},
			},
		},
		{
			name:    "N小时内/N个工作日内 + verb is a time limit; a duration before a noun names it",
			body:    "到2025年，建成24小时自助服务区3个，对群众举报隐患做到24小时内响应，企业开办5个工作日内办结。",
			docYear: 2024,
			want: []targetWant{
				{value: 3, unit: "个", cmp: ">="},
				{value: 24, unit: "小时", cmp: "<=", subject: "对群众举报隐患"},
				{value: 5, unit: "个工作日", cmp: "<=", subject: "企业开办"},
			},
		},
		{
			name:    "growth as a multiple is a rate in percent; 比…下降N% and 年均增长N% are rates",
			body:    "到2026年，产业营业收入比2023年增长一倍，出口额提高1.5倍，数字经济规模翻一番，单位能耗比2020年下降13.5%，软件收入年均增长12%。",
			docYear: 2024,
			want: []targetWant{
				{value: 100, unit: "%", cmp: ">=", kind: "rate"},
				{value: 150, unit: "%", cmp: ">=", kind: "rate"},
				{value: 100, unit: "%", cmp: ">=", kind: "rate"},
				{value: 13.5, unit: "%", cmp: ">=", kind: "rate"},
				{value: 12, unit: "%", cmp: ">=", kind: "rate"},
			},
		},
		{
			name:    "a share after 比重/占比 is a target even where the whole is a grant",
			body:    "到2025年，市级奖补资金用于基层的比重不低于60%，专项补贴资金投向中小企业的占比不低于70%。",
			docYear: 2024,
			want: []targetWant{
				{value: 60, unit: "%", cmp: ">=", kind: "rate"},
				{value: 70, unit: "%", cmp: ">=", kind: "rate"},
			},
		},
		{
			name:    "the comparator opening the predicate governs the number after its 的",
			body:    "到2025年，新增建设用地不超过上年末存量的5%，人均可支配收入达到全省平均水平的90%。",
			docYear: 2024,
			want: []targetWant{
				{value: 5, unit: "%", cmp: "<="},
				{value: 90, unit: "%", cmp: ">="},
			},
		},
		{
			name:    "a ratio N:1 reads N, a ratio 1:N reads N",
			body:    "到2025年，工业产值与农业产值之比达到3:1，医护比不低于1:1.25。",
			docYear: 2024,
			want: []targetWant{
				{value: 3, unit: "", cmp: ">=", kind: "rate"},
				{value: 1.25, unit: "", cmp: ">=", kind: "rate"},
			},
		},
	}
	for _, tt := range tests {
		for _, width := range []string{"full", "ascii"} {
			body := tt.body
			if width == "ascii" {
				body = asciiPunct.Replace(body)
			}
			t.Run(tt.name+"/"+width, func(t *testing.T) {
				got, _ := readCommitments(body, tt.docYear, tt.inherited)
				assertQuotes(t, body, got)
				if len(got) != len(tt.want) {
					t.Fatalf("got %d targets, want %d:\n%s", len(got), len(tt.want), dumpTargets(got))
				}
				for k, w := range tt.want {
					g := got[k]
					if g.Value != w.value || g.Unit != w.unit {
						t.Errorf("target %d: %v %q, want %v %q", k, g.Value, g.Unit, w.value, w.unit)
					}
					if w.cmp != "" && g.Comparator != w.cmp {
						t.Errorf("target %d (%v): comparator %q, want %q", k, g.Value, g.Comparator, w.cmp)
					}
					if w.deadline == "none" && g.Deadline != "" || w.deadline != "" && w.deadline != "none" && g.Deadline != w.deadline {
						t.Errorf("target %d (%v): deadline %q, want %q", k, g.Value, g.Deadline, w.deadline)
					}
					if w.subject != "" && g.Subject != asciiIf(width, w.subject) {
						t.Errorf("target %d (%v): subject %q, want %q", k, g.Value, g.Subject, asciiIf(width, w.subject))
					}
					if w.quote != "" && g.Quote != asciiIf(width, w.quote) {
						t.Errorf("target %d (%v): quote %q, want %q", k, g.Value, g.Quote, asciiIf(width, w.quote))
					}
					if g.Cumulative != w.cumulative {
						t.Errorf("target %d (%v): cumulative %v, want %v", k, g.Value, g.Cumulative, w.cumulative)
					}
					if w.kind != "" && g.Kind != w.kind {
						t.Errorf("target %d (%v): kind %q, want %q", k, g.Value, g.Kind, w.kind)
					}
				}
			})
		}
	}
}

// Numbers written the other ways plans write them: in Chinese numerals
// closing a clause, with a lone 百/千 before 亿/万, before the noun they
// count with the verb after, and as a floor on a routine.
func TestReadCommitmentsNumberForms(t *testing.T) {
	tests := []struct {
		name, body string
		want       []targetWant
	}{
		{"compound Chinese numeral closing its clause", "2024年新增普惠性学位二千四百个，改造老旧管网一百二十公里。", []targetWant{
			{value: 2400, unit: "个", cmp: ">="}, {value: 120, unit: "公里", cmp: ">="}}},
		{"measure word starting with 千", "新增风电装机二百万千瓦，光伏装机八十万千瓦。", []targetWant{
			{value: 2e6, unit: "千瓦", cmp: ">="}, {value: 8e5, unit: "千瓦", cmp: ">="}}},
		{"百亿 with no digit", "软件业务收入突破百亿元，带动投资超过千万元。", []targetWant{
			{value: 1e10, unit: "元", cmp: ">"}, {value: 1e7, unit: "元", cmp: ">"}}},
		{"number before the noun, verb after", "为800户低保家庭实施危房改造，对50家企业开展诊断服务。", []targetWant{
			{value: 800, unit: "户", cmp: ">="}, {value: 50, unit: "家", cmp: ">="}}},
		{"count of the covered themselves", "推动3家以上企业通过认定。", []targetWant{
			{value: 3, unit: "家", cmp: ">="}}},
		{"the year of a cited title dates nothing", "按照《某市2026年城市更新实施办法》要求，新建基站100个。", []targetWant{
			{value: 100, unit: "个", cmp: ">=", deadline: "none"}}},
		{"unit written once after an enumeration", "办理时间分别压缩至2个、3个工作日以内。", []targetWant{
			{value: 2, unit: "个工作日", cmp: "<="}, {value: 3, unit: "个工作日", cmp: "<="}}},
		{"floor on a routine", "每年组织开展应急演练不少于2次。", []targetWant{
			{value: 2, unit: "次", cmp: ">="}}},
		{"rating and count of equipment", "淘汰20蒸吨/小时及以下燃煤锅炉一百台。", []targetWant{
			{value: 100, unit: "台", cmp: ">="}}},
	}
	for _, tt := range tests {
		for _, width := range []string{"full", "ascii"} {
			body := tt.body
			if width == "ascii" {
				body = asciiPunct.Replace(body)
			}
			t.Run(tt.name+"/"+width, func(t *testing.T) {
				got, _ := readCommitments(body, 2024, "")
				assertQuotes(t, body, got)
				if len(got) != len(tt.want) {
					t.Fatalf("got %d targets, want %d:\n%s", len(got), len(tt.want), dumpTargets(got))
				}
				for k, w := range tt.want {
					if g := got[k]; g.Value != w.value || g.Unit != w.unit || g.Comparator != w.cmp {
						t.Errorf("target %d: %s %v %q, want %s %v %q", k, g.Comparator, g.Value, g.Unit, w.cmp, w.value, w.unit)
					}
					if g := got[k]; w.deadline == "none" && g.Deadline != "" {
						t.Errorf("target %d: deadline %q, want none", k, g.Deadline)
					}
				}
			})
		}
	}
}

func TestReadCommitmentsIndicatorTable(t *testing.T) {
	body := strings.Join([]string{
		"主要指标如下：",
		"| 序号 | 指标 | 单位 | 2020年（基期） | 2022年 | 2025年 | 属性 |",
		"| 1 | 5G基站数 | 万个 | 0.5 | 1 | 2.5 | 预期性 |",
		"| 2 | 千兆光网覆盖率 | % | 30 | 60 | ≥90 | 预期性 |",
		"| 3 | 数据中心电能利用效率（PUE） | — | 1.5 | ≤1.4 | ≤1.3 | 约束性 |",
		"| 4 | 累计培育工业APP（个） |  | 200 | 1000 | 3000以上 | 预期性 |",
		"到2025年，新建公厕50座。",
	}, "\n")
	got, _ := readCommitments(body, 2021, "")
	assertQuotes(t, body, got)
	type row struct {
		subject  string
		value    float64
		unit     string
		cmp      string
		deadline plan.Date
	}
	want := []row{
		{"5G基站数", 10000, "个", ">=", "2022-12-31"},
		{"5G基站数", 25000, "个", ">=", "2025-12-31"},
		{"千兆光网覆盖率", 60, "%", ">=", "2022-12-31"},
		{"千兆光网覆盖率", 90, "%", ">=", "2025-12-31"},
		{"数据中心电能利用效率", 1.4, "", "<=", "2022-12-31"},
		{"数据中心电能利用效率", 1.3, "", "<=", "2025-12-31"},
		{"累计培育工业APP", 1000, "个", ">=", "2022-12-31"},
		{"累计培育工业APP", 3000, "个", ">=", "2025-12-31"},
		{"新建公厕", 50, "座", ">=", "2025-12-31"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d targets, want %d:\n%s", len(got), len(want), dumpTargets(got))
	}
	for k, w := range want {
		g := got[k]
		if g.Subject != w.subject || g.Value != w.value || g.Unit != w.unit || g.Comparator != w.cmp || g.Deadline != w.deadline {
			t.Errorf("target %d = %q %s %v%s %s; want %q %s %v%s %s", k, g.Subject, g.Comparator, g.Value, g.Unit, g.Deadline, w.subject, w.cmp, w.value, w.unit, w.deadline)
		}
	}
	if !got[6].Cumulative || got[2].Kind != plan.KindRate {
		t.Errorf("累计 row not cumulative or coverage not a rate: %+v %+v", got[6], got[2])
	}
}

func asciiIf(width, s string) string {
	if width == "ascii" {
		return asciiPunct.Replace(s)
	}
	return s
}

// TestReadCommitmentsNonTargets lists numbers that look like targets and
// are not: none of them may come out as a target.
func TestReadCommitmentsNonTargets(t *testing.T) {
	tests := []struct {
		name, body string
		docYear    int
	}{
		{"years and dates", "2022年9月底前，全市开展专项检查。", 2022},
		{"a reporting window in a routine is no time limit", "各单位要于每季度末最后5个工作日内报送进展情况。", 2024},
		{"a duration naming a service", "依托24小时自助政务服务大厅开设消防业务办理窗口。", 2024},
		{"a grant's own rate (补助比例) is no share of a whole", "对符合条件的项目，单个项目补助比例不超过50%，奖补资金占比最高不超过30%。", 2024},
		{"own document number", "长政办发〔2020〕23号", 2020},
		{"cited document number", "根据《河南省人民政府办公厅关于印发河南省新型显示和智能终端产业发展行动方案等8个方案的通知》（豫政办〔2018〕85号），结合濮阳实际，制定本行动计划。", 2020},
		{"ordinals", "公布第二批试点名单，进入全国第3位。", 2020},
		{"name in quotes", "完成车路协同“两个100”工程二期建设，打造智能驾驶第一城。", 2020},
		{"voltage classes", "推动荆门—长沙等1000千伏特高压及其配套电网项目落地，优化500千伏电网结构。", 2020},
		{"5G and IPv6", "推动通信网络向下一代互联网协议第6版（IPv6）演进升级，加快5G商用。", 2020},
		{"version in a name", "贯彻落实教育信息化2.0行动计划，全面推进国家智慧教育示范区建设。", 2020},
		{"scope of support, not a commitment", "支持22条工业新兴及优势产业链骨干龙头企业建立企业级工业互联网平台。", 2020},
		{"status figure with 截至", "截至2020年底，全市累计建成5G基站4210座，5G用户达到120万户。", 2020},
		{"past year at the head of the sentence", "2019年全市完成固定资产投资1200亿元，增长10%。", 2020},
		{"present state", "目前已建成数据中心5个，现有机架2万架。", 2020},
		{"已达 status with 达到", "2022年，全省数字经济规模已达1.1万亿元，IPv6活跃用户数达到3200万户。", 2023},
		{"ban thresholds", "县级及以上城市建成区原则上不再新建每小时35蒸吨以下燃煤锅炉，其他区域禁止新建每小时10蒸吨及以下燃煤锅炉。", 2019},
		{"size class of what is counted", "建设一批1000亩以上的电子信息产业园。", 2023},
		{"per-item subsidy cap", "对建成投用的项目按投资额的10%给予奖补，单个项目最高不超过50万元，每部不超过20万元补助。", 2023},
		{"frequency", "每季度至少召开1次圆桌会议，每季度开展1次专项督查。", 2024},
		{"estate name", "8300安置小区配套幼儿园主体完工。", 2022},
		{"count inside a subject", "全市8大重点产业集群协同发展。", 2020},
		{"line number", "建设长沙轨道交通2号线西延二期工程智慧地铁试点工程。", 2020},
		{"plan period and meeting number", "长沙市推进新型基础设施建设三年（2020—2022年）行动计划已经市政府第48次常务会议研究通过。", 2020},
		{"validity", "本行动计划自2020年8月1日起施行，有效期至2022年12月31日。", 2020},
		{"a report on the past runs over its semicolons", "2022年，全市实现地区生产总值5000亿元，增长4.5%；一般公共预算收入完成400亿元。", 2023},
		{"年来", "近三年来，累计建成5G基站8000个。", 2023},
		{"one-off award", "对首次认定的国家高新技术企业，一次性奖励50万元。", 2023},
		{"eligibility class", "支持年产值5000万元以上企业实施技术改造。", 2023},
		{"project capacity", "加快建设年产10万吨新材料项目。", 2023},
		{"cost-sharing ratio", "所需资金由市、区两级财政按5:5比例分担。", 2023},
		{"threshold naming who is covered", "2024年底前，完成年综合能耗1万吨标准煤以上的重点用能单位节能诊断，对200人以上企业开展安全培训。", 2024},
		{"a name with 圈", "打造“10分钟便民生活圈”和1小时通勤圈。", 2024},
		{"basis of an allotment", "按照不低于常住人口2‰的比例配备社区工作者。", 2024},
		{"rating of a class of equipment", "淘汰10蒸吨/小时及以下燃煤锅炉。", 2024},
		{"千亿级 is a class", "培育千亿级产业集群，打造百亿级企业。", 2024},
		{"a count of aspects in Chinese numerals, the verb further back", "推进产业转型升级涉及的十个方面。", 2024},
		{"Chinese numerals in words", "构建物流分拨中心、公共配送中心和末端配送站点三级网络，实现“三全两高一”发展目标，打造一批应用场景。", 2020},
	}
	for _, tt := range tests {
		for _, width := range []string{"full", "ascii"} {
			body := tt.body
			if width == "ascii" {
				body = asciiPunct.Replace(body)
			}
			t.Run(tt.name+"/"+width, func(t *testing.T) {
				got, _ := readCommitments(body, tt.docYear, "")
				if len(got) > 0 {
					t.Errorf("want no targets, got:\n%s", dumpTargets(got))
				}
			})
		}
	}
}

func TestReadCommitmentsMilestones(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		docYear int
		want    []plan.Milestone
	}{
		{
			name:    "opener deadline, completion verbs, the voltage-class project",
			body:    "到2022年，长沙市政务云二期、城市运行中心等项目完成建设并投入运行，培育和引进20家以上大数据龙头企业，创建一批大数据产业集聚区。",
			docYear: 2020,
			want: []plan.Milestone{
				{Text: "长沙市政务云二期、城市运行中心等项目完成建设并投入运行", Deadline: "2022-12-31", Quote: "到2022年，长沙市政务云二期、城市运行中心等项目完成建设并投入运行"},
			},
		},
		{
			name:    "a milestone whose only number is a class",
			body:    "到2022年，建成1000千伏长沙交流特高压项目，建设500千伏及以上输变电工程11项。",
			docYear: 2020,
			want: []plan.Milestone{
				{Text: "建成1000千伏长沙交流特高压项目", Deadline: "2022-12-31", Quote: "到2022年，建成1000千伏长沙交流特高压项目"},
			},
		},
		{
			name:    "month deadlines in a schedule",
			body:    "1.农村公路大中修：7月底前开工；11月底前建成。",
			docYear: 2022,
			want: []plan.Milestone{
				{Text: "开工", Deadline: "2022-07-31", Quote: "7月底前开工"},
				{Text: "建成", Deadline: "2022-11-30", Quote: "11月底前建成"},
			},
		},
		{
			name:    "deadline clause of its own before the commitment",
			body:    "2019年9月底前，基本完成全市整治任务。",
			docYear: 2019,
			want: []plan.Milestone{
				{Text: "基本完成全市整治任务", Deadline: "2019-09-30", Quote: "2019年9月底前，基本完成全市整治任务"},
			},
		},
		{
			name:    "a system described by its qualities is no milestone; 基本形成 is",
			body:    "到2022年，建成安全可靠、优质高效、绿色低碳、智能互动的现代化智慧电网，基本形成具有全国影响力的区块链产业集聚基地。",
			docYear: 2020,
			want: []plan.Milestone{
				{Text: "基本形成具有全国影响力的区块链产业集聚基地", Deadline: "2022-12-31", Quote: "基本形成具有全国影响力的区块链产业集聚基地"},
			},
		},
		{
			name:    "a dated completion after a sentence break; 提升改造 is a works project",
			body:    "全年举办促销活动不少于20场。9月底前完成中山路商业街提升改造，年内建成社区食堂10个。",
			docYear: 2024,
			want: []plan.Milestone{
				{Text: "完成中山路商业街提升改造", Deadline: "2024-09-30", Quote: "9月底前完成中山路商业街提升改造"},
			},
		},
		{
			name:    "a document to draft by a date",
			body:    "2024年6月底前制定老旧小区改造技术导则和项目清单。",
			docYear: 2024,
			want: []plan.Milestone{
				{Text: "制定老旧小区改造技术导则和项目清单", Deadline: "2024-06-30", Quote: "2024年6月底前制定老旧小区改造技术导则和项目清单"},
			},
		},
		{
			name:    "a submission due on an exact day; 到位 completes; PDF spaces inside a date",
			body:    "整改完成后，各牵头单位要形成整改报告，于2024年12月20日前报市安委办。确保2024 年 12 月底前全部整改到位。",
			docYear: 2024,
			want: []plan.Milestone{
				{Text: "报市安委办", Deadline: "2024-12-20", Quote: "于2024年12月20日前报市安委办"},
				{Text: "全部整改到位", Deadline: "2024-12-31", Quote: "确保2024 年 12 月底前全部整改到位"},
			},
		},
		{
			name:    "a report by a month's end or on a routine is no milestone",
			body:    "各单位6月底前报送工作进展。每月5日前报送上月进展情况。",
			docYear: 2024,
		},
		{
			name:    "accountability and review are no milestones; a cited title's year dates nothing",
			body:    "督查结果纳入《某县2024年度绩效考核办法》考核内容。对工作推进不力、未按时限完成任务的单位，予以通报批评。年底组织代表对项目完成情况进行评议。",
			docYear: 2024,
		},
		{
			name:    "no deadline, vague wording, recurring reports: no milestone",
			body:    "加快推进项目建设。到2022年，进一步完善网络体系。各牵头单位每年12月底前将年度工作进展报送市发展改革委。",
			docYear: 2020,
		},
	}
	for _, tt := range tests {
		for _, width := range []string{"full", "ascii"} {
			body := tt.body
			if width == "ascii" {
				body = asciiPunct.Replace(body)
			}
			t.Run(tt.name+"/"+width, func(t *testing.T) {
				_, got := readCommitments(body, tt.docYear, "")
				for _, m := range got {
					if !strings.Contains(body, m.Quote) {
						t.Errorf("milestone quote %q is not in the body", m.Quote)
					}
				}
				if len(got) != len(tt.want) {
					t.Fatalf("got %d milestones %+v, want %d", len(got), got, len(tt.want))
				}
				for k, w := range tt.want {
					w.Text, w.Quote = asciiIf(width, w.Text), asciiIf(width, w.Quote)
					if got[k] != w {
						t.Errorf("milestone %d = %+v, want %+v", k, got[k], w)
					}
				}
			})
		}
	}
}

// TestReadCommitmentsQuotesInBody runs the reader over every plan text we
// have and checks that each quote is an exact span of what it read.
func TestReadCommitmentsQuotesInBody(t *testing.T) {
	for _, f := range planTexts(t) {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, para := range strings.Split(string(raw), "\n") {
			ts, ms := readCommitments(para, 2022, "2022-12-31")
			assertQuotes(t, para, ts)
			for _, m := range ms {
				if m.Quote == "" || !strings.Contains(para, m.Quote) {
					t.Errorf("%s: milestone quote %q not in its paragraph", f, m.Quote)
				}
			}
		}
	}
}

func planTexts(t testing.TB) []string {
	const dir = "../../../shared/plans/"
	files := []string{dir + "changsha_xinjijian_2020.txt"}
	entries, err := os.ReadDir(dir + "dev")
	if err != nil {
		t.Skipf("shared plans not beside the repository: %v", err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".txt") {
			files = append(files, dir+"dev/"+e.Name())
		}
	}
	return files
}

func assertQuotes(t *testing.T, body string, ts []plan.Target) {
	t.Helper()
	for _, x := range ts {
		if x.Quote == "" || !strings.Contains(body, x.Quote) {
			t.Errorf("quote %q of target %v%s is not in the body", x.Quote, x.Value, x.Unit)
		}
	}
}

func dumpTargets(ts []plan.Target) string {
	var b strings.Builder
	for _, x := range ts {
		fmt.Fprintf(&b, "  %s %v%s %s subject=%q quote=%q\n", x.Comparator, x.Value, x.Unit, x.Deadline, x.Subject, x.Quote)
	}
	return b.String()
}

func BenchmarkReadCommitments(b *testing.B) {
	raw, err := os.ReadFile("../../../shared/plans/changsha_xinjijian_2020.txt")
	if err != nil {
		b.Skip(err)
	}
	paras := strings.Split(string(raw), "\n")
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range paras {
			readCommitments(p, 2020, "2022-12-31")
		}
	}
}

// FuzzReadCommitments feeds arbitrary text: the reader must not panic,
// and every quote must be a span of the body.
func FuzzReadCommitments(f *testing.F) {
	for _, s := range []string{
		"到2022年，新建5G基站4万个以上，打造10个以上5G示范应用场景。",
		"1.4月底前完成；3.11月底前建成",
		"进口、出口整体通关时间分别压缩至30小时、1.5小时以内",
		"公立医院床人比不低于1:1.6,50%以上旗区级综合医院",
		"“十四五”期间累计完成造林绿化面积50万亩",
		"力争培育8—10个百亿企业，超过五千亿规模",
		"１．５亿元，４,000人；2020—2022年",
		"| 指标 | 单位 | 2022年 | 2025年 |\n| 5G基站数 | 万个 | ≥1 | 2.5以上 |\n| 覆盖率（%） | | 60 | 90 |",
	} {
		f.Add(s, 2022)
	}
	f.Fuzz(func(t *testing.T, body string, year int) {
		ts, ms := readCommitments(body, year%3000, "")
		for _, x := range ts {
			if !strings.Contains(body, x.Quote) {
				t.Fatalf("quote %q not in body %q", x.Quote, body)
			}
		}
		for _, m := range ms {
			if !strings.Contains(body, m.Quote) {
				t.Fatalf("milestone quote %q not in body %q", m.Quote, body)
			}
		}
	})
}

// BenchmarkReadCommitmentsLongClause reads texts that lost their
// punctuation: one clause of thousands of items, dates and figures. The
// time per byte must stay that of ordinary text (the reader is linear).
func BenchmarkReadCommitmentsLongClause(b *testing.B) {
	for _, tt := range []struct{ name, item string }{
		{"figures", "新建5G基站4万个、"},
		{"dates", "到2022年新建1个、"},
		{"signatures", "某市人民政府2020年1月1日"},
		{"commas", "新建1个，"},
	} {
		body := strings.Repeat(tt.item, 20000)
		b.Run(tt.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				readCommitments(body, 2020, "")
			}
		})
	}
}
