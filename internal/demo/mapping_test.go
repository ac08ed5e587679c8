package demo

import (
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/status"
)

// changshaReading is the Changsha plan as a correct parse reads it (the
// tasks and targets the outcomes touch), so the mapping is tested apart
// from the parser's progress.
func changshaReading() *plan.Plan {
	dl := plan.Date("2022-12-31")
	task := func(id, title string, targets ...plan.Target) *plan.Section {
		for i := range targets {
			targets[i].ID = id + "-" + string(rune('1'+i))
			targets[i].Deadline = dl
		}
		return &plan.Section{ID: id, Title: title, Targets: targets}
	}
	return &plan.Plan{EffectiveFrom: "2020-08-01", EffectiveTo: dl, Sections: []*plan.Section{
		{ID: "2", Title: "主要任务", Children: []*plan.Section{
			{ID: "2.1", Title: "实施通信网络基础设施建设行动", Children: []*plan.Section{
				task("2.1.1", "推进5G网络规模建设",
					plan.Target{Subject: "新建5G基站", Comparator: plan.GE, Value: 40000, Unit: "个", Kind: plan.KindFlow, Quote: "新建5G基站4万个以上"},
					plan.Target{Subject: "5G示范应用场景", Comparator: plan.GE, Value: 10, Unit: "个", Kind: plan.KindStock, Quote: "打造10个以上5G示范应用场景"}),
				task("2.1.2", "加快发展工业互联网",
					plan.Target{Subject: "省级以上工业互联网平台", Value: 10, Unit: "个", Kind: plan.KindStock, Quote: "打造10个省级以上工业互联网平台"},
					plan.Target{Subject: "工业APP", Comparator: plan.GE, Value: 3000, Unit: "个", Kind: plan.KindStock, Cumulative: true, Quote: "累计培育3000个以上工业APP"}),
				task("2.1.3", "推动下一代互联网升级改造",
					plan.Target{Subject: "IPv6活跃用户占比", Comparator: plan.GT, Value: 60, Unit: "%", Kind: plan.KindRate}),
			}},
			{ID: "2.2", Title: "实施信息技术基础设施建设行动", Children: []*plan.Section{
				task("2.2.1", "完善大数据基础设施", plan.Target{Subject: "大数据龙头企业", Value: 20, Unit: "家"}),
				task("2.2.2", "加快人工智能创新发展",
					plan.Target{Subject: "省级以上人工智能产业园", Value: 2, Unit: "家"},
					plan.Target{Subject: "具有核心竞争力的人工智能骨干企业", Value: 40, Unit: "家"}),
				task("2.2.3", "推进区块链技术集成应用",
					plan.Target{Subject: "省级区块链产业园", Comparator: plan.GE, Value: 2, Unit: "家", Kind: plan.KindFlow, Quote: "建成2家省级区块链产业园"},
					plan.Target{Subject: "区块链领军企业", Value: 10, Unit: "家"}),
			}},
			{ID: "2.4", Title: "实施一体化融合基础设施建设行动", Children: []*plan.Section{
				task("2.4.2", "推进智慧教育示范区建设",
					plan.Target{Subject: "市级智慧教育示范区县（市）", Value: 6, Unit: "个"},
					plan.Target{Subject: "智慧教育未来学校", Value: 50, Unit: "所"}),
				task("2.4.4", "推进智慧电网建设", plan.Target{Subject: "500千伏及以上输变电工程", Value: 11, Unit: "项"}),
			}},
		}},
	}}
}

func TestObservationsMapping(t *testing.T) {
	p := changshaReading()
	obs, err := Observations(3, p)
	if err != nil {
		t.Fatal(err)
	}
	if rows := len(csvRows(t)); len(obs) != rows {
		t.Fatalf("%d observations from %d rows", len(obs), rows)
	}
	byTarget := map[string][]plan.Observation{}
	for _, o := range obs {
		if o.PlanID != 3 || o.PeriodEnd.IsZero() || o.Kind == "" || o.Scope == "" {
			t.Errorf("incomplete observation %+v", o)
		}
		if strings.Contains(o.Note, "未找到目标") {
			t.Errorf("a correct reading should place every target row; %q", o.Note)
		}
		byTarget[o.TargetID] = append(byTarget[o.TargetID], o)
	}
	judge := func(id string) status.Verdict {
		var tg plan.Target
		p.Walk(func(s *plan.Section) {
			for _, x := range s.Targets {
				if x.ID == id {
					tg = x
				}
			}
		})
		return status.Judge(status.Input{Target: tg, Start: p.EffectiveFrom, Scope: Scope, Observations: byTarget[id]}, AsOf, status.DefaultConfig())
	}

	v := judge("2.1.1-1")
	if v.Counted == nil || *v.Counted != 30490 || len(v.Used) != 1 {
		t.Errorf("5G: counted %v from %d observations, want 30490 from the Changsha flow; %s", v.Counted, len(v.Used), v.Explanation)
	}
	if n := len(byTarget["2.1.1-1"]); n != 9 {
		t.Errorf("5G target has %d observations, want 9: the 30490 flow, 2 goals or forecasts, 2 逻辑基站, 4 province", n)
	}
	count := map[string]int{}
	for _, e := range v.Excluded {
		count[e.Reason]++
	}
	if count[status.ReasonUnit] != 2 || count[status.ReasonScope] != 3 || count[status.ReasonKind] != 2 {
		t.Errorf("5G exclusions by reason = %v; want unit 2 (逻辑基站), scope 3 (province rows up to the as-of date), kind 2 (target, expectation)", count)
	}

	if v := judge("2.1.2-2"); v.Counted == nil || *v.Counted != 20000 || v.Status != status.Achieved {
		t.Errorf("工业APP: %v %s, want 20000 achieved (lower bound of 突破2万个)", v.Counted, v.Status)
	}
	if v := judge("2.1.2-1"); v.Counted != nil || len(v.Excluded) != 1 {
		t.Errorf("工业互联网平台: the Hunan-wide 64 must not count: %+v", v)
	}
	if v := judge("2.1.1-2"); v.Counted != nil || len(v.Excluded) != 2 || v.Excluded[0].Reason != status.ReasonScope {
		t.Errorf("5G应用场景: province scenarios must be excluded on scope: %+v", v.Excluded)
	}
	if v := judge("2.2.3-1"); v.Counted == nil || *v.Counted != 1 {
		t.Errorf("省级区块链产业园: counted %v, want 1 (星沙, approved 2020-04-23); %s", v.Counted, v.Explanation)
	}
	if len(byTarget["2.4.2-2"]) != 1 || byTarget["2.4.2-2"][0].Kind != plan.ObsTarget {
		t.Errorf("未来学校: want the 2023 goal as a target-kind observation, got %+v", byTarget["2.4.2-2"])
	}

	// Every context row sits on the task its rule names.
	for _, o := range byTarget[""] {
		if o.SectionID == "" {
			t.Errorf("context row without a task: %q", o.Quote)
		}
	}
	for _, o := range obs {
		if strings.Contains(o.Note, "日期不详") && o.PeriodEnd != guessedEarly2021 {
			t.Errorf("unknown date row got %s", o.PeriodEnd)
		}
		if o.ValueText == "约30000" && (o.Value == nil || *o.Value != 30000) {
			t.Errorf("约30000 read as %v", o.Value)
		}
	}
}
