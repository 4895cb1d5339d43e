// Company search without a server. A query matches any run of characters of a company's name
// (so a Chinese query matches as a phrase), or a credit code or task id exactly. It reads a few
// small files of search/ (gzip JSON, made by gongshi build; see src/search.rs):
//   dict.bin      the longest frequent phrases (each in a sixteenth of the names, 32 to 1000, or more),
//                 shard counts, and the gram shards split in parts (s: {shard: parts})
//   g/<h>.bin     per phrase: [count, records]: a frequent phrase's first page, or a minimal
//                 infrequent gram's every company, whose names the query is checked against;
//                 g/<h>-<part>.bin for a split shard
//   c/<h>.bin     records by page id;  k/<h>.bin  page ids by task id or odd credit code
//                 (a list: a task can have several companies)
// A record is [name, credit code, latest end, result index, page id if not the code]; a list
// holds its records in the company list's order.
// Without JavaScript, or without DecompressionStream, the form opens the company list.
(function () {
  "use strict";

  function normalize(text) {
    return (text || "").replace(/\s+/g, "").toUpperCase();
  }

  // FNV-1a over UTF-16 code units, as gongshi computes it.
  function hash(key) {
    var h = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  function decode(bytes) {
    // A server that sends the file with Content-Encoding: gzip has it unpacked already.
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
      return Promise.resolve(JSON.parse(new TextDecoder().decode(bytes)));
    }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  // A record's page: entities/<id>/.
  function pageId(r) {
    return r[4] || r[1].toLowerCase();
  }

  // A searcher over the index at `load(path)`, which gives a file's bytes (a Uint8Array).
  function create(load) {
    var files = {};
    function file(path) {
      if (!files[path]) {
        files[path] = load(path).then(decode);
        files[path].catch(function () { delete files[path]; });
      }
      return files[path];
    }
    function shard(dir, key, count) {
      return file(dir + "/" + (hash(key) % count).toString(16) + ".bin");
    }
    // A gram's file: its shard, or the part of it that more bits of the hash pick.
    function grams(dict, gram) {
      var h = hash(gram);
      var name = (h % dict.g).toString(16);
      var parts = dict.s && dict.s[name];
      if (parts) name += "-" + (Math.floor(h / dict.g) % parts).toString(16);
      return file("g/" + name + ".bin");
    }

    // The phrase's companies from the names: {count, records (in list order), all}.
    function byName(dict, q) {
      // A run is frequent when it is part of one of the longest frequent phrases.
      function frequent(s) {
        return s === "" || dict.f.indexOf(s) >= 0;
      }
      var chars = Array.from(q);
      if (frequent(q)) {
        return grams(dict, q).then(function (found) {
          var entry = found[q] || [0, []];
          return { count: entry[0], records: entry[1], all: entry[0] === entry[1].length };
        });
      }
      // The longest minimal infrequent gram: every company whose name holds the phrase is in
      // its list.
      var gram = null;
      for (var i = 0; i < chars.length; i++) {
        for (var j = i + 1; j <= chars.length; j++) {
          var run = chars.slice(i, j).join("");
          if (frequent(run)) continue;
          if (frequent(chars.slice(i + 1, j).join("")) && frequent(chars.slice(i, j - 1).join(""))) {
            if (!gram || run.length > gram.length) gram = run;
          }
          break;
        }
      }
      return grams(dict, gram).then(function (found) {
        var entry = found[gram] || [0, []];
        var records = entry[1].filter(function (r) { return normalize(r[0]).indexOf(q) >= 0; });
        return { count: records.length, records: records, all: true };
      });
    }

    function byKey(dict, q) {
      var lookups = [];
      if (/^[0-9A-Z]{18}$/.test(q)) lookups.push(Promise.resolve([q.toLowerCase()]));
      var possible = Array.from(q).every(function (c) { return dict.a.indexOf(c) >= 0; });
      if (possible) {
        lookups.push(shard("k", q, dict.k).then(function (keys) { return keys[q] || []; }));
      }
      return Promise.all(lookups).then(function (lists) {
        var ids = [].concat.apply([], lists);
        return Promise.all(ids.map(function (id) {
          return shard("c", id, dict.c).then(function (companies) { return companies[id] || null; });
        }));
      }).then(function (records) {
        return records.filter(Boolean);
      });
    }

    // {count, page}: how many companies match, and the first page of them: the company whose
    // credit code or task id the query is first, then those whose name has it, in list order.
    function query(text) {
      var q = normalize(text);
      if (!q) return Promise.resolve({ count: 0, page: [] });
      return file("dict.bin").then(function (dict) {
        return Promise.all([byName(dict, q), byKey(dict, q)]).then(function (found) {
          var names = found[0];
          var seen = {};
          var extra = found[1].filter(function (r) {
            if (seen[pageId(r)] || normalize(r[0]).indexOf(q) >= 0) return false;
            seen[pageId(r)] = true;
            return true;
          });
          var page = extra.concat(names.records);
          return {
            count: names.count + extra.length,
            page: page.slice(0, dict.p),
            results: dict.r,
          };
        });
      });
    }
    return { query: query };
  }

  var api = { create: create, normalize: normalize, hash: hash, pageId: pageId };
  if (typeof module === "object" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  var form = document.querySelector("form[role=search]");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[type=search]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var root = form.getAttribute("data-root") || "./";
  var base = form.getAttribute("data-search") || root + "search/";
  var supported = typeof DecompressionStream === "function" && typeof TextDecoder === "function";
  var searcher = create(function (path) {
    return fetch(base + path).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.arrayBuffer();
    }).then(function (buffer) { return new Uint8Array(buffer); });
  });
  var latest = 0;

  function show(found, query) {
    list.textContent = "";
    found.page.forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + "entities/" + pageId(r) + "/";
      a.textContent = r[0] || r[1];
      li.appendChild(a);
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = (r[1] ? r[1] + " · " : "") + "最近检查 " + (r[2] || "—") + "：" +
        (found.results[r[3]] || "—");
      li.appendChild(meta);
      list.appendChild(li);
    });
    if (found.count === 0) {
      status.textContent = "没有找到与“" + query + "”相符的检查对象。";
    } else if (found.count > found.page.length) {
      status.textContent = "找到 " + found.count + " 个检查对象，显示前 " + found.page.length +
        " 个，请输入更完整的名称。";
    } else {
      status.textContent = "找到 " + found.count + " 个检查对象。";
    }
  }

  function search(event) {
    if (event) event.preventDefault();
    var query = input.value.trim();
    var turn = ++latest;
    if (!normalize(query)) {
      list.textContent = "";
      status.textContent = "";
      return;
    }
    if (!supported) {
      status.textContent = "此浏览器不支持站内查询，请浏览检查对象列表。";
      return;
    }
    status.textContent = "正在查询……";
    searcher.query(query).then(function (found) {
      if (turn === latest) show(found, query);
    }).catch(function () {
      if (turn === latest) status.textContent = "查询暂不可用，请浏览检查对象列表。";
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
