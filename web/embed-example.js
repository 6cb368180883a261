// The example host page's script (web/embed-example.html). A real host copies this pattern: set
// the iframe's src with the parameters, check every message's origin, send and receive.
(function () {
  'use strict';
  var frame = document.getElementById('qcity');
  var out = document.getElementById('out');
  var status = document.getElementById('status');
  // Where qcity is served (here: beside this page) and the origin it may accept messages from.
  var qcityUrl = new URL('index.html', window.location.href);
  var qcityOrigin = qcityUrl.origin;
  qcityUrl.search = new URLSearchParams({
    lang: 'zh', profile: 'county', unit: '东台市', year: '2023', origins: window.location.origin,
  }).toString();
  frame.src = qcityUrl.href;

  window.addEventListener('message', function (event) {
    if (event.origin !== qcityOrigin || event.source !== frame.contentWindow) return;  // not our qcity
    var m = event.data || {};
    if (m.type === 'qcity:ready') status.textContent = 'qcity 已就绪 / ready';
    if (m.type === 'qcity:results') {
      var s = m.results && m.results.summary;
      status.textContent = s ? '达标 ' + s.met + ' · 未达标 ' + s.not_met + ' · 缺数据 ' + s.missing : '';
      out.textContent = JSON.stringify(m.results && m.results.indicators ? m.results.indicators.slice(0, 3) : m.results, null, 2);
    }
    if (m.type === 'qcity:error') status.textContent = '错误 / error: ' + m.message;
  });

  document.getElementById('send').addEventListener('click', function () {
    frame.contentWindow.postMessage({
      type: 'qcity:load',
      assessment: {
        schema: 'qcity.assessment/1', catalog: 'yancheng-2022', profile: 'county', unit: '东台市', year: 2023,
        figures: { mfg_qualified_batches: 1150, mfg_sampled_batches: 1200, above_scale_enterprises: 140, above_scale_with_cqo: 98 },
      },
    }, qcityOrigin);
  });
})();
