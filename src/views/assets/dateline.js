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

// The rate-limit puzzle (shown only after a 429): find a nonce so that SHA-256(token:nonce)
// starts with `difficulty` zero bits, in batches through WebCrypto, then let the reader post.
// Without JavaScript (or WebCrypto, which needs HTTPS) the reader ticks "send my comment to a
// moderator" instead.
(function () {
  'use strict';
  var box = document.querySelector('[data-pow-token]');
  if (!box || !window.crypto || !window.crypto.subtle || !window.TextEncoder) return;
  var form = box.closest('form');
  var token = box.getAttribute('data-pow-token');
  var difficulty = Number(box.getAttribute('data-pow-difficulty'));
  var nonceInput = box.querySelector('input[name="pow_nonce"]');
  var status = box.querySelector('.challenge-status');
  var encoder = new TextEncoder();

  function zeroBits(buffer) {
    var bytes = new Uint8Array(buffer);
    var bits = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { bits += 8; continue; }
      return bits + Math.clz32(bytes[i]) - 24;
    }
    return bits;
  }

  function search(start) {
    var tries = [];
    for (var n = start; n < start + 512; n++) tries.push(crypto.subtle.digest('SHA-256', encoder.encode(token + ':' + n)));
    return Promise.all(tries).then(function (digests) {
      for (var i = 0; i < digests.length; i++) if (zeroBits(digests[i]) >= difficulty) return String(start + i);
      return search(start + 512);
    });
  }

  status.textContent = box.getAttribute('data-solving') || status.textContent;
  var solved = search(0).then(function (nonce) {
    nonceInput.value = nonce;
    status.textContent = box.getAttribute('data-solved') || '';
    return nonce;
  });
  form.addEventListener('submit', function (event) {
    if (nonceInput.value) return;
    event.preventDefault();
    solved.then(function () { form.submit(); });
  });
})();

// Live updates: an article page follows its discussion over Server-Sent Events
// (/live/articles/ID). New comments are announced in a polite live region ("3 new comments —
// Show") instead of moving the text the reader is reading; Show puts them in their place in
// the thread, as rendered by the server. The heading's count follows. Without JavaScript (or
// EventSource) the page stays as it was served.
(function () {
  'use strict';
  var section = document.getElementById('comments');
  var heading = document.getElementById('comments-title');
  if (!section || !heading || !window.EventSource || !section.getAttribute('data-live-url')) return;
  var say = function (name) { return section.getAttribute('data-live-' + name) || ''; };
  var depthLimit = Number(section.getAttribute('data-thread-depth')) || 5;
  var countLink = document.querySelector('.article-header a[href="#comments"]');
  // On a page of comments before the last one, new top-level comments belong to a later page.
  var onLastPage = !section.querySelector('.comment-pages .next');
  var waiting = []; // { id, parentId, html } in the order they arrived
  var lastId = section.getAttribute('data-live-after');
  var region = document.createElement('div');
  region.className = 'live-updates';
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  heading.parentNode.insertBefore(region, heading.nextSibling);

  var byId = function (id) { return document.getElementById('comment-' + id); };
  var isWaiting = function (id) { return waiting.some(function (w) { return w.id === id; }); };
  var drop = function (id) { waiting = waiting.filter(function (w) { return w.id !== id; }); };

  function toElement(html) {
    var template = document.createElement('template');
    template.innerHTML = html; // rendered and escaped by the server (the thread's own component)
    var li = template.content.firstElementChild;
    if (!document.getElementById('respond')) {
      var actions = li.querySelector('.comment-actions');
      if (actions) actions.parentNode.removeChild(actions); // comments are closed here
    }
    return li;
  }

  /** A comment can be shown here if its parent is (or will be), or it starts a thread on the last page. */
  function placeable(item) {
    return item.parentId === null ? onLastPage : Boolean(byId(item.parentId)) || isWaiting(item.parentId);
  }

  function setDepth(li, depth) {
    li.className = li.className.replace(/\bdepth-\d+/, 'depth-' + depth);
  }

  function topList() {
    var list = section.querySelector('ol.comment-list');
    if (list) return list;
    list = document.createElement('ol');
    list.className = 'comment-list';
    var empty = section.querySelector('.no-comments');
    if (empty) empty.parentNode.replaceChild(list, empty);
    else region.parentNode.insertBefore(list, region.nextSibling);
    return list;
  }

  /** Inserts where the server would have put it (domain/thread.ts): nested to the depth limit, then beside the parent. */
  function place(item) {
    var li = toElement(item.html);
    var parent = item.parentId === null ? null : byId(item.parentId);
    if (!parent) {
      topList().appendChild(li);
      setDepth(li, 1);
    } else {
      var depth = Number((/\bdepth-(\d+)/.exec(parent.className) || [0, 1])[1]);
      if (depth < depthLimit) {
        var children = parent.querySelector(':scope > ol.children');
        if (!children) {
          children = document.createElement('ol');
          children.className = 'children';
          parent.appendChild(children);
        }
        children.appendChild(li);
        setDepth(li, depth + 1);
      } else {
        parent.parentNode.appendChild(li);
        setDepth(li, depth);
      }
    }
    li.classList.add('comment-new');
    return li;
  }

  function announce() {
    waiting = waiting.filter(placeable);
    region.textContent = '';
    if (waiting.length === 0) return;
    var text = waiting.length === 1 ? say('one') : say('many').replace('{n}', String(waiting.length));
    region.appendChild(document.createTextNode(text + ' — '));
    var show = document.createElement('button');
    show.type = 'button';
    show.className = 'live-show';
    show.textContent = say('show');
    show.addEventListener('click', showWaiting);
    region.appendChild(show);
  }

  function showWaiting() {
    var first = null;
    waiting.splice(0).forEach(function (item) {
      if (byId(item.id)) return;
      var li = place(item);
      first = first || li;
    });
    region.textContent = '';
    if (first) {
      first.setAttribute('tabindex', '-1');
      first.focus(); // the button is gone: keyboard readers continue at the first new comment
    }
  }

  /** Replaces a shown comment's card (its replies stay). */
  function replaceCard(existing, html) {
    var card = toElement(html).querySelector('.comment-card');
    var old = existing.querySelector(':scope > .comment-card');
    // The reaction button is drawn by the page, not by live updates: keep the one shown.
    var reaction = old && old.querySelector('.reaction-form');
    var footer = card && card.querySelector('.comment-actions');
    if (reaction && footer) footer.appendChild(reaction);
    if (card && old) old.parentNode.replaceChild(card, old);
    existing.classList.remove('comment-pending');
  }

  function updateCount(data) {
    heading.textContent = data.heading;
    if (countLink) countLink.textContent = data.countLabel;
  }

  var handlers = {
    'comment.added': function (data) {
      var existing = byId(data.commentId);
      // The reader's own held comment, now approved: shown in place, nothing to announce.
      if (existing) return existing.classList.contains('comment-pending') ? replaceCard(existing, data.html) : undefined;
      drop(data.commentId);
      waiting.push({ id: data.commentId, parentId: data.parentId, html: data.html });
    },
    'comment.changed': function (data) {
      var existing = byId(data.commentId);
      if (existing) return replaceCard(existing, data.html);
      waiting.forEach(function (w) { if (w.id === data.commentId) w.html = data.html; });
    },
    'comment.removed': function (data) {
      drop(data.commentId);
      var existing = byId(data.commentId);
      if (!existing) return;
      // Its replies stay readable; only the comment itself goes.
      var card = existing.querySelector(':scope > .comment-card');
      if (existing.querySelector(':scope > ol.children') && card) card.parentNode.removeChild(card);
      else existing.parentNode.removeChild(existing);
    },
  };

  var source = null;
  function connect() {
    source = new EventSource(section.getAttribute('data-live-url') + (lastId ? '?after=' + encodeURIComponent(lastId) : ''));
    Object.keys(handlers).forEach(function (kind) {
      source.addEventListener(kind, function (event) {
        lastId = event.lastEventId || lastId;
        var data = JSON.parse(event.data);
        updateCount(data);
        handlers[kind](data);
        announce();
      });
    });
    source.addEventListener('stale', function () {
      source.close();
      region.textContent = say('stale') + ' ';
      var reload = document.createElement('button');
      reload.type = 'button';
      reload.className = 'live-show';
      reload.textContent = say('reload');
      reload.addEventListener('click', function () { location.reload(); });
      region.appendChild(reload);
    });
    // EventSource reconnects by itself after a dropped connection; a refusal (server full,
    // 503) closes it for good, so try again in a while from the last event seen.
    source.addEventListener('error', function () {
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 30000 + Math.random() * 30000);
    });
  }
  connect();
})();

// Reactions and long threads (discussion-controls.tsx). The reaction form posts by itself
// without JavaScript; here it is sent by fetch and the count changes in place. "Show N more
// replies" links to the page with the thread expanded; here the replies already in the page
// are unfolded instead, and focus moves to the first of them.
(function () {
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('reaction-form') || !window.fetch) return;
    event.preventDefault();
    var button = form.querySelector('.reaction-button');
    if (button.disabled) return;
    button.disabled = true;
    fetch(form.action, {
      method: 'POST',
      headers: { Accept: 'application/json' },
      body: new URLSearchParams(new FormData(form)),
      credentials: 'same-origin',
    })
      .then(function (response) {
        if (!response.ok) throw new Error('reaction refused');
        return response.json().then(function (data) {
          form.querySelector('.reaction-count').textContent = data.countText;
          button.setAttribute('aria-pressed', data.reacted ? 'true' : 'false');
          button.disabled = false;
        });
      })
      .catch(function () {
        form.submit(); // the server's page says why (too many reactions from here, a comment gone)
      });
  });

  document.addEventListener('click', function (event) {
    var link = event.target instanceof Element ? event.target.closest('a[data-expand]') : null;
    if (!link) return;
    var root = document.getElementById('comment-' + link.getAttribute('data-expand'));
    if (!root) return;
    event.preventDefault();
    root.querySelectorAll('li[hidden]').forEach(function (li) {
      li.hidden = false;
    });
    var first = document.getElementById('comment-' + link.getAttribute('data-first'));
    link.parentNode.remove();
    var target = first && first.querySelector('.comment-permalink');
    if (target) target.focus();
  });
})();

// Inside another site's page (views/embed-page.tsx, framed by /embed.js): tell the host page
// how tall the discussion is and where a #comment-N anchor sits (the frame has no scrollbar
// of its own), take its --dateline-* CSS variables (named from a fixed list, values checked:
// no url(), no way out of a declaration), and open links that leave the discussion in a new
// tab rather than inside the frame.
(function () {
  'use strict';
  var root = document.documentElement;
  if (!root.hasAttribute('data-embed') || window.parent === window) return;
  var names = ['accent', 'text', 'background', 'font', 'radius', 'muted', 'border'].map(function (n) { return '--dateline-' + n; });
  var safeValue = /^[\w\s#.,%()'"+\-\/]{1,100}$/;
  // The height is no secret, and the host's origin is not known here: any parent may read it.
  var tell = function (message) { window.parent.postMessage(message, '*'); };
  var lastHeight = 0;
  function reportHeight() {
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height !== lastHeight) tell({ dateline: 'height', height: (lastHeight = height) });
  }
  if (window.ResizeObserver) new ResizeObserver(reportHeight).observe(document.body);
  reportHeight();
  window.addEventListener('load', function () {
    var target = location.hash.length > 1 && document.getElementById(location.hash.slice(1));
    if (target) tell({ dateline: 'anchor', top: Math.max(0, target.getBoundingClientRect().top + window.pageYOffset) });
  });
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (event.source !== window.parent || !data || data.dateline !== 'style' || typeof data.vars !== 'object') return;
    names.forEach(function (name) {
      var value = data.vars[name];
      if (typeof value === 'string' && safeValue.test(value) && !/url\s*\(/i.test(value)) root.style.setProperty(name, value);
    });
  });
  document.addEventListener('click', function (event) {
    var link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!link || link.target) return;
    var url = new URL(link.href, location.href);
    if (url.origin === location.origin && url.pathname.indexOf('/embed/') === 0) return;
    link.target = '_blank';
    link.rel = (link.rel ? link.rel + ' ' : '') + 'noopener';
  });
})();
