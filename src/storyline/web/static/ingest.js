// Upload or fetch from the "Add articles" page: post to the JSON API, then poll the job.
// Without JavaScript the forms post to /ingest and the job page refreshes itself.
"use strict";

(function () {
  const box = document.getElementById("progress");
  const text = document.getElementById("progress-text");
  const bar = document.getElementById("progress-bar");
  const problems = document.getElementById("progress-problems");

  function show(message) {
    box.hidden = false;
    text.textContent = message;
  }

  function render(job) {
    const done = job.status === "done" || job.status === "failed";
    const total = Math.max(job.read, 1);
    bar.value = done ? 100 : Math.round((100 * job.analysed) / total);
    let message = job.status + (job.stage !== job.status ? " · " + job.stage : "") + " · " + job.read + " read, " + job.analysed + " analysed, " +
      job.skipped + " skipped, " + job.failed + " failed";
    if (job.error) message += " · " + job.error;
    show(message);
    problems.replaceChildren();
    for (const p of job.problems) {
      const li = document.createElement("li");
      li.textContent = p.source + (p.line ? ":" + p.line : "") + ": " + p.problem;
      problems.appendChild(li);
    }
    if (job.status === "done") {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = "/";
      a.textContent = "See the stories";
      li.appendChild(a);
      problems.appendChild(li);
    }
    return done;
  }

  async function poll(jobId) {
    for (;;) {
      const resp = await fetch("/api/jobs/" + encodeURIComponent(jobId), { headers: { Accept: "application/json" } });
      const job = await resp.json();
      if (!resp.ok) { show((job.error && job.error.message) || "job lost"); return; }
      if (render(job)) return;
      await new Promise((r) => setTimeout(r, 700));
    }
  }

  function wire(form, body) {
    if (!form) return;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const headers = { Accept: "application/json" };
      const tokenField = form.querySelector("input[name=token]");
      if (tokenField && tokenField.value) headers.Authorization = "Bearer " + tokenField.value;
      const request = body(form, headers);
      show("sending…");
      try {
        const resp = await fetch(form.dataset.api, { method: "POST", headers: request.headers, body: request.body });
        const data = await resp.json();
        if (!resp.ok) { show("refused: " + ((data.error && data.error.message) || resp.status)); return; }
        await poll(data.job_id);
      } catch (err) {
        show("failed: " + err);
      }
    });
  }

  wire(document.getElementById("upload-form"), (form, headers) => {
    const data = new FormData();
    for (const file of form.querySelector("input[type=file]").files) data.append("files", file, file.name);
    for (const name of ["outlet", "published"]) {
      const field = form.querySelector("input[name=" + name + "]");
      if (field && field.value.trim()) data.append(name, field.value.trim());
    }
    return { headers: headers, body: data };
  });
  wire(document.getElementById("urls-form"), (form, headers) => {
    const urls = form.querySelector("textarea").value.split("\n").map((s) => s.trim()).filter(Boolean);
    headers["Content-Type"] = "application/json";
    return { headers: headers, body: JSON.stringify({ urls: urls }) };
  });
})();
