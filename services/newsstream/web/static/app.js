// The newsroom screen's only script: it listens to /events and inserts the fragments the server rendered
// (every record field is escaped there). No inline script: the Content-Security-Policy forbids it.
"use strict";

(function () {
  const list = document.getElementById("articles");
  const notice = document.getElementById("notice");
  const empty = document.getElementById("empty");
  const trending = document.getElementById("trending");

  function fragment(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    return template.content.firstElementChild;
  }

  function showArticle(data) {
    if (!list) return;
    const item = fragment(data.html);
    if (!item) return;
    const held = Array.from(list.children).find((child) => child.dataset.articleId === data.id);
    if (held) {
      const details = held.querySelector("details");
      const wasOpen = details && details.open;
      held.replaceWith(item);  // a revision replaces the version it revises
      if (wasOpen) item.querySelector("details").open = true;
    } else {
      list.prepend(item);
    }
    if (empty) empty.hidden = true;
  }

  function showStatus(data) {
    if (notice) notice.hidden = Boolean(data.up);
    document.body.dataset.broker = data.up ? "up" : "unreachable";
  }

  const params = new URLSearchParams(window.location.search);
  params.delete("limit");
  // The articles added after this page was rendered come first (a reconnection sends Last-Event-ID itself).
  if (document.body.dataset.since) params.set("since", document.body.dataset.since);
  const source = new EventSource("/events" + (params.toString() ? "?" + params.toString() : ""));
  source.addEventListener("article", (event) => showArticle(JSON.parse(event.data)));
  source.addEventListener("status", (event) => showStatus(JSON.parse(event.data)));
  source.addEventListener("trending", (event) => {
    if (trending) trending.innerHTML = JSON.parse(event.data).html;
  });
  source.addEventListener("open", () => { document.body.dataset.stream = "open"; });
  source.addEventListener("error", () => { document.body.dataset.stream = "reconnecting"; });
})();
