// The benefit form asks only for the figures the chosen method needs. Without this script every
// field is shown, and those the method does not use are ignored.
document.addEventListener("DOMContentLoaded", () => {
  const method = document.getElementById("id_method");
  if (!method) return;
  const hint = document.getElementById("method-hint");
  const show = () => {
    hint.hidden = method.value !== "";
    for (const group of document.querySelectorAll("[data-methods]")) {
      group.hidden = !group.dataset.methods.split(" ").includes(method.value);
    }
  };
  method.addEventListener("change", show);
  show();
});
