package planparse

import (
	"testing"

	"github.com/planwatch/planwatch/internal/plan"
)

type meta struct {
	title, number, issuer string
	issued, from, to      plan.Date
}

func metaOf(p *plan.Plan) meta {
	return meta{p.Title, p.DocNumber, p.Issuer, p.Issued, p.EffectiveFrom, p.EffectiveTo}
}

func TestMetadataRealHeaders(t *testing.T) {
	cases := []struct {
		file string
		want meta
	}{
		{"changsha_xinjijian_2020.txt", meta{"长沙市推进新型基础设施建设三年 (2020—2022年) 行动计划", "长政办发〔2020〕23号", "长沙市人民政府办公厅", "2020-07-20", "2020-08-01", "2022-12-31"}},
		// Red header, a page-title line running 文号 and notice together, signature, two-line title.
		{"dev/17_lishan_zerenfengong_2023.txt", meta{"立山区政府2023年重点工作任务分解和责任分工方案", "鞍立政发〔2023〕2号", "立山区人民政府", "2023-03-28", "", ""}},
		// Signature only; a cited 《》 title inside the notice.
		{"dev/20_guangdong_zhongdianrenwufengong_2021.txt", meta{"2021年省《政府工作报告》重点任务分工方案", "", "广东省人民政府", "2021-03-21", "", ""}},
		// No notice; cited 文号 in the preamble must not be taken.
		{"dev/30_chaozhou_lantianbaoweizhan_2019.txt", meta{"潮州市打赢蓝天保卫战实施方案(2019-2020年)", "", "", "", "", ""}},
		// A date with no signature above it.
		{"dev/37_kaifeng_zhizaoye_2020.txt", meta{"开封市推动制造业高质量发展实施方案", "", "", "2020-11-17", "", ""}},
		// 文号 first, title broken over two lines.
		{"dev/39_ordos_yiliaoweisheng_2024.txt", meta{"鄂尔多斯市进一步完善医疗卫生服务体系实施方案", "鄂府办发〔2024〕24号", "鄂尔多斯市人民政府办公室", "2024-04-08", "", ""}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			if got := metaOf(parseFile(t, c.file)); got != c.want {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
		})
	}
}

func TestMetadataStyles(t *testing.T) {
	cases := []struct {
		name, text string
		want       meta
	}{
		{
			name: "notice title only: the 《》 inside it",
			text: "某市人民政府关于印发《某市数字经济发展行动方案》的通知\n某府发[2021]5号\n一、任务\n建设平台。",
			want: meta{title: "某市数字经济发展行动方案", number: "某府发[2021]5号", issuer: "某市人民政府"},
		},
		{
			name: "notice title without 《》",
			text: "某县人民政府办公室关于印发某县乡村振兴工作要点的通知\n\n一、任务\n建设平台。",
			want: meta{title: "某县乡村振兴工作要点", issuer: "某县人民政府办公室"},
		},
		{
			name: "Chinese-numeral signature date, validity in years",
			text: "某市人民政府文件\n某政发〔 2022 〕 12号\n某市人民政府关于印发某市行动计划的通知\n各区：\n现印发给你们。\n某市人民政府\n二〇二二年三月五日\n某市新能源汽车推广行动计划\n一、任务\n推广车辆。\n本计划自2022年4月1日起施行，有效期3年。",
			want: meta{"某市新能源汽车推广行动计划", "某政发〔 2022 〕 12号", "某市人民政府", "2022-03-05", "2022-04-01", "2025-03-31"},
		},
		{
			name: "cited 文号 in brackets is not the plan's",
			text: "某市推进数字政府建设实施方案\n根据《某省人民政府关于印发某方案的通知》（某府〔2020〕3号），制定本方案。\n一、任务\n建设。",
			want: meta{title: "某市推进数字政府建设实施方案"},
		},
		{
			name: "full-width digits in the 文号, as Word writes them",
			text: "某县人民政府办公室文件\n某政办发〔２０２３〕２２号\n某县人民政府办公室关于印发某县人居环境整治方案的通知\n各乡镇：\n现印发给你们。\n某县人民政府办公室\n２０２３年７月１０日\n某县人居环境整治方案\n一、任务\n整治村庄。",
			want: meta{title: "某县人居环境整治方案", number: "某政办发〔２０２３〕２２号", issuer: "某县人民政府办公室", issued: "2023-07-10"},
		},
		{
			name: "signature after the body",
			text: "某市关于推动工业绿色发展的实施意见\n一、目标\n到2025年，建成绿色工厂40家。\n二、保障\n加强领导。\n本意见自2022年7月1日起施行。\n某市人民政府\n\n2022年6月15日\n（此件公开发布）",
			want: meta{title: "某市关于推动工业绿色发展的实施意见", issuer: "某市人民政府", issued: "2022-06-15", from: "2022-07-01"},
		},
		{
			name: "a dated sentence at the end is no signature",
			text: "某区工作方案\n一、任务\n建设平台。\n各单位于2023年3月1日前报送。",
			want: meta{title: "某区工作方案"},
		},
		{
			name: "effective from issue",
			text: "某区工作方案\n某区人民政府\n2023年1月9日\n一、任务\n建设。\n本方案自印发之日起施行。",
			want: meta{title: "某区工作方案", issuer: "某区人民政府", issued: "2023-01-09", from: "2023-01-09"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := metaOf(ParseText(c.text)); got != c.want {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
		})
	}
}

func TestHeadingDeadline(t *testing.T) {
	cases := map[string]plan.Date{
		"到2025年主要目标":        "2025-12-31",
		"2023年工作要点":         "2023-12-31",
		"到2021年6月底":         "2021-06-30",
		"行动目标（2020—2022年）":  "2022-12-31",
		"指导思想":              "",
		"推进5G网络规模建设":        "",
		"2021年经济社会发展主要预期目标": "2021-12-31",
	}
	cases["2024年上半年重点工作"] = "2024-06-30"
	cases["年底前完成的任务"] = "2023-12-31"
	for title, want := range cases {
		if got := sectionHorizon(title, 2023); got != want {
			t.Errorf("sectionHorizon(%q) = %q, want %q", title, got, want)
		}
	}
}

func TestMetadataMoreStyles(t *testing.T) {
	cases := []struct {
		name, text string
		want       meta
	}{
		{
			name: "trial title, printing line on one line, validity to a year end",
			text: "某市人民政府办公室文件\n某政办发〔2023〕7号\n某市人民政府办公室关于印发某市数据要素市场化配置改革实施方案（试行）的通知\n各区：\n现印发给你们。\n某市数据要素市场化配置改革实施方案（试行）\n一、任务\n建设。有效期至2025年底。\n抄送：市委各部门。\n某市人民政府办公室 2023年2月3日印发",
			want: meta{"某市数据要素市场化配置改革实施方案（试行）", "某政办发〔2023〕7号", "某市人民政府办公室", "2023-02-03", "", "2025-12-31"},
		},
		{
			name: "附件 line before the plan title",
			text: "附件\n某县乡村振兴实施方案\n一、工作任务\n建成示范村10个。",
			want: meta{title: "某县乡村振兴实施方案"},
		},
		{
			name: "attachment list in the notice is not the tree",
			text: "某县人民政府关于印发三个方案的通知\n附件：1.某县乡村振兴实施方案\n2.某县数字乡村行动计划\n某县乡村振兴实施方案\n为推进乡村振兴，制定本方案。\n一、目标\n建成示范村10个。",
			want: meta{title: "某县乡村振兴实施方案", issuer: "某县人民政府"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := ParseText(c.text)
			if got := metaOf(p); got != c.want {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
			if last := p.Sections[len(p.Sections)-1]; last.Number != "一、" || len(last.Children) != 0 {
				t.Errorf("tree:\n%s", outline(p))
			}
		})
	}
}
