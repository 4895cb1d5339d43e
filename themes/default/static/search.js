// Company search without a server: loads search/index.json once and matches any run of
// characters of a company's name (so a Chinese query matches as a phrase), its credit code or
// a task id. Without JavaScript the form simply opens the company list.
(function () {
  "use strict";
  var form = document.querySelector("form[role=search]");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[type=search]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var root = form.getAttribute("data-root") || "./";
  var index = null;
  var MAX = 20;

  function load() {
    if (!index) {
      index = fetch(form.getAttribute("data-index")).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
    }
    return index;
  }

  function normalize(text) {
    return (text || "").replace(/\s+/g, "").toUpperCase();
  }

  function matches(entry, q) {
    if (normalize(entry.n).indexOf(q) >= 0 || entry.c.indexOf(q) >= 0) return true;
    for (var i = 0; i < entry.t.length; i++) {
      if (entry.t[i].toUpperCase().indexOf(q) >= 0) return true;
    }
    return false;
  }

  function show(entries, query) {
    list.textContent = "";
    entries.slice(0, MAX).forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + "entities/" + e.id + "/";
      a.textContent = e.n || e.c || e.id;
      li.appendChild(a);
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = (e.c ? e.c + " · " : "") + "最近检查 " + (e.d || "—") + "：" + (e.r || "—");
      li.appendChild(meta);
      list.appendChild(li);
    });
    if (entries.length === 0) {
      status.textContent = "没有找到与“" + query + "”相符的检查对象。";
    } else if (entries.length > MAX) {
      status.textContent = "找到 " + entries.length + " 个检查对象，显示前 " + MAX + " 个，请输入更完整的名称。";
    } else {
      status.textContent = "找到 " + entries.length + " 个检查对象。";
    }
  }

  function search(event) {
    if (event) event.preventDefault();
    var query = input.value.trim();
    var q = normalize(query);
    if (!q) {
      list.textContent = "";
      status.textContent = "";
      return;
    }
    status.textContent = "正在查询……";
    load().then(function (entries) {
      show(entries.filter(function (e) { return matches(e, q); }), query);
    }).catch(function () {
      index = null;
      status.textContent = "查询暂不可用，请浏览检查对象列表。";
    });
  }

  form.addEventListener("submit", search);
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    search();
  }
})();
