// Dateline's progressive enhancement: the page works without it. With it, a Reply link moves
// the form under the comment (keeping what was typed) and Cancel puts it back.
(function () {
  'use strict';
  var respond = document.getElementById('respond');
  var form = document.getElementById('commentform');
  if (!respond || !form) return;
  var parentInput = document.getElementById('comment_parent');
  var title = document.getElementById('reply-title');
  var cancel = document.getElementById('cancel-comment-reply-link');
  var textarea = document.getElementById('comment');
  var home = document.createElement('div');
  home.id = 'respond-home';
  home.hidden = true;
  respond.parentNode.insertBefore(home, respond);
  // The wording comes from the page (the message catalogue). The page may have been opened
  // at ?replytocom=ID, so the title it arrived with is not always the top-level one.
  var leaveReply = title.getAttribute('data-leave-reply') || 'Leave a Reply';

  function setTitle(authorName, commentId) {
    while (title.firstChild && title.firstChild !== cancel.parentNode) title.removeChild(title.firstChild);
    if (authorName) {
      var link = document.createElement('a');
      link.href = '#comment-' + commentId;
      link.textContent = authorName;
      title.insertBefore(document.createTextNode(title.getAttribute('data-reply-to') || 'Leave a Reply to '), cancel.parentNode);
      title.insertBefore(link, cancel.parentNode);
      title.insertBefore(document.createTextNode(' '), cancel.parentNode);
    } else {
      title.insertBefore(document.createTextNode(leaveReply + ' '), cancel.parentNode);
    }
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('.comment-reply-link');
    if (link) {
      var id = link.getAttribute('data-comment-id');
      var item = document.getElementById('comment-' + id);
      if (!item) return;
      event.preventDefault();
      var card = item.querySelector('.comment-card');
      card.parentNode.insertBefore(respond, card.nextSibling);
      parentInput.value = id;
      setTitle(link.getAttribute('data-author'), id);
      cancel.hidden = false;
      textarea.focus();
      return;
    }
    if (event.target === cancel) {
      event.preventDefault();
      home.parentNode.insertBefore(respond, home.nextSibling);
      parentInput.value = '0';
      setTitle(null);
      cancel.hidden = true;
      textarea.focus();
    }
  });
})();

// The moderation queue's keyboard: j/k move, x selects, a/s/d/r/u press that comment's
// button, ? shows the help. Without JavaScript every button and checkbox works as is.
(function () {
  'use strict';
  var queue = document.getElementById('queue');
  if (!queue) return;
  var items = Array.prototype.slice.call(queue.querySelectorAll('.queue-item'));
  var current = -1;
  function select(i) {
    if (items.length === 0) return;
    current = Math.max(0, Math.min(items.length - 1, i));
    items.forEach(function (el, n) { el.classList.toggle('current', n === current); });
    items[current].focus();
  }
  // An action reloads the queue; the moderator carries on from the same place in it.
  var saved = sessionStorage.getItem('dateline-queue-position');
  sessionStorage.removeItem('dateline-queue-position');
  if (saved !== null && /^\d+$/.test(saved)) select(Number(saved));
  document.addEventListener('keydown', function (event) {
    var t = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
    // While the help (a modal) is open, keys belong to it: none acts on the queue behind it.
    if (document.querySelector('dialog[open]')) return;
    var key = event.key;
    if (key === 'j') return select(current + 1);
    if (key === 'k') return select(current - 1);
    if (key === '?') {
      var help = document.getElementById('shortcuts');
      if (help && help.showModal) help.showModal();
      return;
    }
    if (current < 0) return;
    var item = items[current];
    if (key === 'x') {
      var box = item.querySelector('input[type=checkbox]');
      if (box) box.checked = !box.checked;
      return;
    }
    var button = item.querySelector('button[data-key="' + key + '"]');
    if (button) {
      event.preventDefault();
      sessionStorage.setItem('dateline-queue-position', String(current));
      button.click();
    }
  });
})();

// The article editor's live preview: as the Markdown changes, the server renders and
// sanitises it (the same code as publishing) and the preview below the form shows it.
// Without JavaScript the Preview button does the same with a page load.
(function () {
  'use strict';
  var body = document.querySelector('textarea[data-preview-url]');
  if (!body || !window.fetch) return;
  var target = document.getElementById(body.getAttribute('data-preview-target'));
  var section = document.getElementById('article-preview');
  var form = body.form;
  var csrf = form && form.querySelector('input[name="_csrf"]');
  if (!target || !section || !csrf) return;
  var timer = null;
  var sent = 0;
  function refresh() {
    var n = ++sent;
    fetch(body.getAttribute('data-preview-url'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': csrf.value },
      body: 'body=' + encodeURIComponent(body.value),
    })
      .then(function (res) { return res.ok ? res.text() : null; })
      .then(function (html) {
        if (html === null || n !== sent) return; // a newer request is on its way
        target.innerHTML = html; // sanitised by the server (renderArticleMarkdown)
        section.hidden = false;
      })
      .catch(function () { /* the Preview button still works */ });
  }
  body.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
  if (body.value) refresh();
})();
