// A page waiting for a background job (operations.jobs): <div data-job-status-url="…"> with a
// <progress data-job-progress>, <span data-job-message> and <span data-job-count>. Polls the
// job's status JSON, shows its progress and reloads the page once the job has ended (the page
// then shows the outcome). Without JavaScript the page refreshes itself (<meta refresh>).
(function () {
  var box = document.querySelector("[data-job-status-url]");
  if (!box || !window.fetch) return;
  var url = box.getAttribute("data-job-status-url");
  var bar = box.querySelector("[data-job-progress]");
  var message = box.querySelector("[data-job-message]");
  var count = box.querySelector("[data-job-count]");
  var active = ["queued", "running", "retrying"];
  var delay = 1000;

  function show(job) {
    if (bar) {
      if (job.percent === null) bar.removeAttribute("value");
      else bar.value = job.percent;
      bar.textContent = job.percent === null ? "" : job.percent + " %";
    }
    if (message) message.textContent = job.message || job.status_display;
    if (count && job.total) count.textContent = job.done + "/" + job.total;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (job) {
        if (active.indexOf(job.status) === -1) {
          window.location.reload();
          return;
        }
        show(job);
        delay = Math.min(delay * 1.5, 5000);
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        window.setTimeout(function () { window.location.reload(); }, 5000);
      });
  }

  window.setTimeout(poll, delay);
})();
