// Donation form and return page: progressive enhancement only (everything works without).
(function () {
  "use strict";

  // Reads amounts as donations/amounts.py parse_euros does: groups of three digits are
  // thousands ("1,500", "1.500"); otherwise the last separator is the decimal one.
  function parseEuros(text) {
    var clean = String(text || "").replace(/[\s\u00a0\u202f€]/g, "");
    if (/^[1-9]\d{0,2}([,.]\d{3})+$/.test(clean)) {
      clean = clean.replace(/[,.]/g, "");
    } else {
      var last = Math.max(clean.lastIndexOf(","), clean.lastIndexOf("."));
      if (last !== -1) {
        clean = clean.slice(0, last).replace(/[,.]/g, "") + "." + clean.slice(last + 1);
      }
    }
    if (!/^\d+(\.\d{1,2})?$/.test(clean)) return null;
    return Math.round(parseFloat(clean) * 100);
  }

  function formatEuros(cents) {
    var euros = Math.floor(cents / 100);
    var rest = cents % 100;
    var grouped = String(euros).replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
    return grouped + (rest ? "," + (rest < 10 ? "0" : "") + rest : "") + "\u00a0€";
  }

  function checkedValue(form, name) {
    var input = form.querySelector("input[name='" + name + "']:checked");
    return input ? input.value : "";
  }

  function enhanceDonationForm(form) {
    var other = form.querySelector("input[name='other_amount']");
    var hint = form.querySelector("[data-tax-hint]");
    var hintText = form.querySelector("[data-tax-hint-text]");
    var legalForm = form.querySelector("select[name='legal_form']");
    var legalFormOther = form.querySelector("[data-legal-form-other]");
    var wall = form.querySelector("input[name='show_on_wall']");
    var wallFields = form.querySelector("[data-wall-fields]");

    function kind() {
      return checkedValue(form, "donor_kind") || "company";
    }

    function amountCents() {
      if (other && other.value.trim()) return parseEuros(other.value);
      var choice = checkedValue(form, "amount_choice");
      return /^\d+$/.test(choice) ? parseInt(choice, 10) * 100 : null;
    }

    function updateHint() {
      if (!hint || !hintText) return;
      var cents = amountCents();
      if (!cents || cents <= 0) {
        hintText.textContent = "";
        return;
      }
      var rate = parseInt(hint.getAttribute(kind() === "company" ? "data-rate-company" : "data-rate-individual"), 10);
      var cost = cents - Math.floor((cents * rate) / 100);
      hintText.textContent = hint.getAttribute("data-template")
        .replace("{amount}", formatEuros(cents))
        .replace("{cost}", formatEuros(cost));
    }

    function updateSections() {
      var current = checkedValue(form, "donor_kind");
      form.querySelectorAll("[data-kind-section]").forEach(function (section) {
        // Before a choice, both blocks stay visible (as without JavaScript).
        section.hidden = Boolean(current) && section.getAttribute("data-kind-section") !== current;
      });
      form.querySelectorAll(".kind-note").forEach(function (note) { note.hidden = Boolean(current); });
    }

    function frequency() {
      var fixed = form.querySelector("input[type='hidden'][name='frequency']");
      return checkedValue(form, "frequency") || (fixed ? fixed.value : "");
    }

    // The yearly receipt option only means something for a monthly gift.
    function updateFrequencySections() {
      var current = frequency();
      form.querySelectorAll("[data-frequency-section]").forEach(function (section) {
        section.hidden = Boolean(current) && section.getAttribute("data-frequency-section") !== current;
      });
      form.querySelectorAll(".frequency-note").forEach(function (note) { note.hidden = Boolean(current); });
    }

    function updateLegalForm() {
      if (legalForm && legalFormOther) legalFormOther.hidden = legalForm.value !== "autre";
    }

    function updateWall() {
      if (wall && wallFields) wallFields.hidden = !wall.checked;
    }

    form.addEventListener("change", function (event) {
      var target = event.target;
      if (target.name === "amount_choice" && target.value !== "autre" && other) other.value = "";
      if (target.name === "amount_choice" && target.value === "autre" && other) other.focus();
      updateSections();
      updateFrequencySections();
      updateLegalForm();
      updateWall();
      updateHint();
    });
    if (other) {
      other.addEventListener("input", function () {
        var autre = form.querySelector("input[name='amount_choice'][value='autre']");
        if (autre && other.value.trim()) autre.checked = true;
        updateHint();
      });
    }
    updateSections();
    updateFrequencySections();
    updateLegalForm();
    updateWall();
    updateHint();
  }

  // Return page: while the payment is pending, ask again every few seconds and show the
  // state our records have as soon as it changes (the region is aria-live).
  function pollDonationStatus(box) {
    var url = box.getAttribute("data-poll-url");
    if (!url || !window.fetch || !window.DOMParser) return;
    var attempts = 0;
    function poll() {
      attempts += 1;
      fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (!html) return;
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = doc.querySelector("[data-donation-status]");
          if (fresh && fresh.getAttribute("data-donation-status") !== "pending") {
            box.innerHTML = fresh.innerHTML;
            box.setAttribute("data-donation-status", fresh.getAttribute("data-donation-status"));
            box.removeAttribute("data-poll-url");
            return;
          }
          if (attempts < 40) window.setTimeout(poll, 4000);
        })
        .catch(function () {
          if (attempts < 40) window.setTimeout(poll, 8000);
        });
    }
    window.setTimeout(poll, 3000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-donation-form]").forEach(enhanceDonationForm);
    document.querySelectorAll("[data-donation-status][data-poll-url]").forEach(pollDonationStatus);
  });
})();
