// The planning calendar, enhanced: drag something that may be moved onto another day, and its
// own "Reschedule" form is sent with that day and the same time. Without this script the form
// does the same by hand.
(function () {
  "use strict";
  var calendar = document.querySelector("[data-planning-calendar]");
  if (!calendar || !("draggable" in document.createElement("li"))) {
    return;
  }
  var dragged = null;

  calendar.querySelectorAll("[data-movable]").forEach(function (entry) {
    entry.setAttribute("draggable", "true");
    entry.addEventListener("dragstart", function (event) {
      dragged = entry;
      entry.classList.add("is-dragged");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", entry.id);
    });
    entry.addEventListener("dragend", function () {
      entry.classList.remove("is-dragged");
      dragged = null;
    });
  });

  calendar.querySelectorAll("td[data-day]").forEach(function (cell) {
    cell.addEventListener("dragover", function (event) {
      if (dragged) {
        event.preventDefault();
        event.dataTransfer.dropEffect = "move";
        cell.classList.add("is-drop-target");
      }
    });
    cell.addEventListener("dragleave", function () {
      cell.classList.remove("is-drop-target");
    });
    cell.addEventListener("drop", function (event) {
      event.preventDefault();
      cell.classList.remove("is-drop-target");
      var entry = dragged || document.getElementById(event.dataTransfer.getData("text/plain"));
      var form = entry && entry.querySelector("form");
      if (!form || entry.closest("td") === cell) {
        return;
      }
      var when = form.elements.when;
      var time = (when.value || "T09:00").split("T")[1];
      when.value = cell.dataset.day + "T" + time;
      entry.classList.add("is-moving");
      if (form.requestSubmit) {
        form.requestSubmit();
      } else {
        form.submit();
      }
    });
  });

  var hint = document.createElement("p");
  hint.className = "planning-hint";
  hint.textContent = "Drag an item onto another day to move it there at the same time.";
  calendar.querySelector(".planning-grouping").after(hint);
})();
