// 适老化 large text: the 大字版 button switches the whole site to larger text and spacing, and
// the browser remembers the choice. Loaded in <head> without defer, so a page opens in the
// chosen size. Without JavaScript the button stays hidden: browser zoom does the same.
(function () {
  "use strict";
  var KEY = "gongshi-large-text";
  var html = document.documentElement;
  try {
    if (window.localStorage.getItem(KEY) === "1") html.classList.add("large-text");
  } catch (e) {
    // storage blocked: the page opens in the standard size
  }
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("large-text");
    if (!button) return;
    function show() {
      button.setAttribute("aria-pressed", html.classList.contains("large-text") ? "true" : "false");
    }
    show();
    button.hidden = false;
    button.addEventListener("click", function () {
      var large = html.classList.toggle("large-text");
      try {
        window.localStorage.setItem(KEY, large ? "1" : "0");
      } catch (e) {
        // remembered for this page only
      }
      show();
    });
  });
})();
