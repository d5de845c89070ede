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
