package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/store"
)

// userNamed returns the stored user of that name, failing the test if none.
func userNamed(t *testing.T, st store.Store, name string) store.User {
	t.Helper()
	users, err := st.ListUsers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if u.Name == name {
			return u
		}
	}
	t.Fatalf("no user %q among %+v", name, users)
	return store.User{}
}

func TestAdminUsers(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	c := e.client()
	e.login(t, c, e.admin)
	_, page := get(t, c, e.srv.URL+"/admin")
	csrf := csrfFrom(t, page)
	if !strings.Contains(page, "演示管理员 (demo admin)") || !strings.Contains(page, `name="user_name"`) {
		t.Fatal("the admin page lists no users or has no user form")
	}
	postForm := func(v url.Values) (int, string) {
		t.Helper()
		v.Set("csrf_token", csrf)
		code, body, _ := post(t, c, e.srv.URL+"/admin", v)
		return code, body
	}

	code, body := postForm(url.Values{"action": {"user"}, "user_name": {"市工信局 张三"}, "user_role": {"reporter"}, "user_unit": {"市工业和信息化局"}})
	if code != http.StatusOK || !strings.Contains(body, `已添加用户：<span lang="zh-CN">市工信局 张三</span>`) {
		t.Fatalf("add user: status %d", code)
	}
	zs := userNamed(t, e.st, "市工信局 张三")
	if zs.Role != store.RoleReporter || zs.Unit != "市工业和信息化局" {
		t.Fatalf("stored user: %+v", zs)
	}
	for _, bad := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"action": {"user"}, "user_name": {"市工信局 张三"}, "user_role": {"admin"}}, "exists"},
		{url.Values{"action": {"user"}, "user_name": {"李四"}, "user_role": {"reporter"}}, "报送员须指定单位"},
		{url.Values{"action": {"user"}, "user_name": {"李四"}, "user_role": {"reporter"}, "user_unit": {"各区县市人民政府"}}, "泛指"},
		{url.Values{"action": {"user"}, "user_role": {"admin"}}, "请填写名称"},
	} {
		if code, body := postForm(bad.form); code != http.StatusUnprocessableEntity || !strings.Contains(body, bad.want) {
			t.Errorf("%v: status %d, want 422 saying %q", bad.form, code, bad.want)
		}
	}
	// A screen reader hears each select's error with the select: the
	// error has an id the select names, and the select is marked invalid.
	for field, form := range map[string]url.Values{
		"user_role":  {"action": {"user"}, "user_name": {"王五"}, "user_role": {"superuser"}},
		"token_user": {"action": {"token"}, "token_user": {"abc"}},
		"token_role": {"action": {"token"}, "token_role": {"superuser"}},
	} {
		code, body := postForm(form)
		sel := regexp.MustCompile(`<select id="` + field + `"[^>]*>`).FindString(body)
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, `id="`+field+`-err"`) ||
			!strings.Contains(sel, field+`-err`) || !strings.Contains(sel, `aria-invalid="true"`) {
			t.Errorf("%s error: status %d, select %s, want the error's id in its aria-describedby and aria-invalid", field, code, sel)
		}
	}

	// A token for the chosen user, named after it.
	code, body = postForm(url.Values{"action": {"token"}, "token_user": {fmt.Sprint(zs.ID)}, "token_role": {"reporter"}})
	m := regexp.MustCompile(`id="new-secret" class="mono" readonly value="([^"]+)"`).FindStringSubmatch(body)
	if code != http.StatusOK || m == nil {
		t.Fatalf("token for a user: status %d, no secret shown", code)
	}
	tok, err := e.st.AuthenticateToken(ctx, m[1])
	if err != nil || tok.UserID != zs.ID || tok.Name != zs.Name || tok.Unit != "市工业和信息化局" {
		t.Fatalf("the shown secret: %+v %v; want a token of user %d", tok, err, zs.ID)
	}

	// An admin cannot disable themself: no button, and a crafted form is refused.
	self := userNamed(t, e.st, "演示管理员 (demo admin)")
	_, page = get(t, c, e.srv.URL+"/admin")
	if strings.Contains(page, fmt.Sprintf(`name="user_id" value="%d"`, self.ID)) {
		t.Error("the admin's own user has a disable button")
	}
	if !strings.Contains(page, fmt.Sprintf(`name="user_id" value="%d"`, zs.ID)) {
		t.Error("another user has no disable button")
	}
	if code, body := postForm(url.Values{"action": {"disable"}, "user_id": {fmt.Sprint(self.ID)}}); code != http.StatusUnprocessableEntity || !strings.Contains(body, "不能停用") {
		t.Errorf("disabling oneself: status %d", code)
	}
	if _, err := e.st.AuthenticateToken(ctx, e.admin); err != nil {
		t.Fatalf("the admin was disabled: %v", err)
	}

	// Without the CSRF token nothing happens.
	if code, _, _ := post(t, c, e.srv.URL+"/admin", url.Values{"action": {"disable"}, "user_id": {fmt.Sprint(zs.ID)}}); code != http.StatusForbidden {
		t.Errorf("disable without CSRF token: status %d, want 403", code)
	}
	if userNamed(t, e.st, zs.Name).Disabled {
		t.Fatal("a form without CSRF token disabled a user")
	}

	code, body = postForm(url.Values{"action": {"disable"}, "user_id": {fmt.Sprint(zs.ID)}})
	if code != http.StatusOK || !strings.Contains(body, fmt.Sprintf("已停用用户 #%d", zs.ID)) {
		t.Fatalf("disable: status %d", code)
	}
	if _, err := e.st.AuthenticateToken(ctx, m[1]); store.ErrorCode(err) != store.EUnauthorized {
		t.Errorf("a disabled user's token still authenticates: %v", err)
	}
	choice := regexp.MustCompile(`(?s)<select id="token_user".*?</select>`).FindString(body)
	if choice == "" || strings.Contains(choice, fmt.Sprintf(`<option value="%d"`, zs.ID)) || !strings.Contains(choice, fmt.Sprintf(`<option value="%d"`, self.ID)) {
		t.Error("a disabled user is still offered in the token form")
	}
	if code, body := postForm(url.Values{"action": {"token"}, "token_user": {fmt.Sprint(zs.ID)}}); code != http.StatusUnprocessableEntity || !strings.Contains(body, "disabled") {
		t.Errorf("token for a disabled user: status %d", code)
	}
}
