// Dateline comments on another site's page: <div id="dateline-comments"></div> and this script.
// Makes an iframe of the page's discussion on the comments host (the origin this file came
// from), sizes it to what the frame reports, and hands the container's --dateline-* CSS
// variables to it. No dependencies, no eval, no inline style: works under a strict CSP.
(function () {
  'use strict';
  var me = document.currentScript || document.querySelector('script[src$="/embed.js"]');
  if (!me) return;
  var host = new URL(me.src).origin;
  var vars = ['accent', 'text', 'background', 'font', 'radius', 'muted', 'border'];
  var frames = [];

  function pageUrl(el) {
    var link = document.querySelector('link[rel="canonical"]');
    return el.getAttribute('data-url') || (link && link.href) || location.href.split('#')[0];
  }

  function sendStyle(frame, el) {
    var style = getComputedStyle(el);
    var values = {};
    vars.forEach(function (name) {
      var value = style.getPropertyValue('--dateline-' + name).trim();
      if (value) values['--dateline-' + name] = value;
    });
    frame.contentWindow.postMessage({ dateline: 'style', vars: values }, host);
  }

  function mount(el) {
    if (el.datelineFrame) return;
    var frame = document.createElement('iframe');
    el.datelineFrame = frame;
    frame.src = host + '/embed/thread?url=' + encodeURIComponent(pageUrl(el)) + '&title=' + encodeURIComponent(el.getAttribute('data-title') || document.title);
    frame.title = el.getAttribute('data-frame-title') || 'Comments';
    frame.style.width = '100%';
    frame.style.border = '0';
    frame.style.height = '480px';
    frame.addEventListener('load', function () { sendStyle(frame, el); });
    frames.push(frame);
    el.appendChild(frame);
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (event.origin !== host || !data || typeof data !== 'object') return;
    var frame = frames.filter(function (f) { return f.contentWindow === event.source; })[0];
    if (!frame) return;
    if (data.dateline === 'height' && data.height > 0) frame.style.height = Math.ceil(Math.min(data.height, 100000)) + 'px';
    if (data.dateline === 'anchor' && data.top >= 0) window.scrollTo(0, frame.getBoundingClientRect().top + window.pageYOffset + data.top);
  });

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('#dateline-comments, [data-dateline-comments]'), mount);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
