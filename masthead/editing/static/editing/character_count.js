// A live count under a text input with a stated limit: "42 of 255 characters", and how many
// too many once past it. The server refuses more than the limit with an error of its own; this
// only tells the editor as they type. Used by masthead/editing/forms.py (state_the_limit).
(() => {
  const { Controller } = window.StimulusModule;

  class CharacterCountController extends Controller {
    static values = { limit: Number };

    connect() {
      this.output = document.createElement("p");
      this.output.className = "help";
      this.output.id = `${this.element.id}-character-count`;
      this.output.setAttribute("aria-live", "polite");
      this.element.insertAdjacentElement("afterend", this.output);
      const described = this.element.getAttribute("aria-describedby");
      this.element.setAttribute(
        "aria-describedby",
        [described, this.output.id].filter(Boolean).join(" "),
      );
      this.update();
    }

    disconnect() {
      this.output?.remove();
    }

    update() {
      const count = [...this.element.value].length;
      const limit = this.limitValue;
      const number = (n) => n.toLocaleString();
      let text = `${number(count)} of ${number(limit)} characters`;
      if (count > limit) {
        text += `: ${number(count - limit)} too many`;
      }
      this.output.textContent = text;
      this.output.dataset.over = count > limit ? "true" : "false";
      this.output.style.color = count > limit ? "var(--w-color-critical-200)" : "";
      this.output.style.fontWeight = count > limit ? "bold" : "";
    }
  }

  window.wagtail.app.register("masthead-character-count", CharacterCountController);
})();
