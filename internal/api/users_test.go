package api_test

import (
	"encoding/json"
	"testing"

	"github.com/planwatch/planwatch/internal/store"
)

func TestUsers(t *testing.T) { eachStore(t, testUsers) }

func testUsers(t *testing.T, open opener) {
	f := newFixture(t, open, true)
	f.run(t, []scenario{
		{name: "reporter cannot list users", method: "GET", path: "/api/users", as: "gxj", wantStatus: 403},
		{name: "anonymous cannot create users", method: "POST", path: "/api/users", body: `{"name":"x","role":"admin"}`, wantStatus: 401},
		{name: "reporter cannot create users", method: "POST", path: "/api/users", as: "gxj", body: `{"name":"x","role":"admin"}`, wantStatus: 403},
		{name: "tokens made before users have users", method: "GET", path: "/api/users", as: "admin", wantStatus: 200, want: []string{`"name": "管理员"`, `"name": "工信局报送"`, `"disabled": false`}},
		{name: "create a reporter by an alias", method: "POST", path: "/api/users", as: "admin", body: `{"name":" 市工信局 张三 ","role":"reporter","unit":"市工信局"}`, wantStatus: 201, want: []string{`"name": "市工信局 张三"`, `"unit": "市工业和信息化局"`}},
		{name: "a name is unique", method: "POST", path: "/api/users", as: "admin", body: `{"name":"市工信局 张三","role":"admin"}`, wantStatus: 409, want: []string{"市工信局 张三"}},
		{name: "a reporter needs a unit", method: "POST", path: "/api/users", as: "admin", body: `{"name":"y","role":"reporter"}`, wantStatus: 400, want: []string{"unit"}},
		{name: "not a collective unit", method: "POST", path: "/api/users", as: "admin", body: `{"name":"y","role":"reporter","unit":"各区县市人民政府和园区管委会"}`, wantStatus: 400, want: []string{"unit"}},
		{name: "an admin has no unit", method: "POST", path: "/api/users", as: "admin", body: `{"name":"y","role":"admin","unit":"市工信局"}`, wantStatus: 400, want: []string{"unit"}},
		{name: "unknown field", method: "POST", path: "/api/users", as: "admin", body: `{"name":"y","role":"admin","password":"x"}`, wantStatus: 400, want: []string{"password"}},
		{name: "role", method: "POST", path: "/api/users", as: "admin", body: `{"name":"y","role":"boss"}`, wantStatus: 400, want: []string{"role"}},
	})

	var list struct{ Users []store.User }
	_, body := f.do(t, scenario{method: "GET", path: "/api/users", as: "admin"})
	if err := json.Unmarshal([]byte(body), &list); err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, u := range list.Users {
		ids[u.Name] = u.ID
	}
	zs, self := jsonNum(ids["市工信局 张三"]), jsonNum(ids["管理员"])
	if ids["市工信局 张三"] == 0 || ids["管理员"] == 0 {
		t.Fatalf("users: %s", body)
	}

	code, body := f.do(t, scenario{method: "POST", path: "/api/tokens", as: "admin", body: `{"user_id":` + zs + `,"name":"张三笔记本"}`})
	var created struct {
		Token  store.Token
		Secret string
	}
	if code != 201 || json.Unmarshal([]byte(body), &created) != nil {
		t.Fatalf("token for a user: %d %s", code, body)
	}
	if created.Token.UserID != ids["市工信局 张三"] || created.Token.User != "市工信局 张三" || created.Token.Role != "reporter" || created.Token.Unit != "市工业和信息化局" {
		t.Fatalf("token for a user: %+v", created.Token)
	}
	f.secrets["zs"] = created.Secret
	f.run(t, []scenario{
		{name: "the user's token reports for its unit", method: "POST", path: "/api/observations", as: "zs", body: obsBody("{t1.1}", "100"), wantStatus: 201},
		{name: "token list names users", method: "GET", path: "/api/tokens", as: "admin", wantStatus: 200, want: []string{`"user_id": ` + zs, `"user": "市工信局 张三"`}},
		{name: "a token's role is its user's", method: "POST", path: "/api/tokens", as: "admin", body: `{"user_id":` + zs + `,"role":"admin"}`, wantStatus: 400, want: []string{"role"}},
		{name: "token for an unknown user", method: "POST", path: "/api/tokens", as: "admin", body: `{"user_id":4242}`, wantStatus: 404},
		{name: "reporter cannot disable", method: "POST", path: "/api/users/" + zs + "/disable", as: "gxj", wantStatus: 403},
		{name: "an admin cannot disable their own user", method: "POST", path: "/api/users/" + self + "/disable", as: "admin", wantStatus: 400},
		{name: "disable unknown", method: "POST", path: "/api/users/4242/disable", as: "admin", wantStatus: 404},
		{name: "disable", method: "POST", path: "/api/users/" + zs + "/disable", as: "admin", wantStatus: 204},
		{name: "a disabled user's token stops at once", method: "GET", path: "/api/plans", as: "zs", wantStatus: 401},
		{name: "other users' tokens go on", method: "GET", path: "/api/plans", as: "gxj", wantStatus: 200},
		{name: "no new token for a disabled user", method: "POST", path: "/api/tokens", as: "admin", body: `{"user_id":` + zs + `}`, wantStatus: 400, want: []string{"disabled"}},
		{name: "listed as disabled", method: "GET", path: "/api/users", as: "admin", wantStatus: 200, want: []string{`"disabled": true`}},
		{name: "audited", method: "GET", path: "/api/audit", as: "admin", wantStatus: 200, want: []string{`"user.disable"`, `"user.create"`}},
	})
}
