// Show only the committees of the municipality chosen in the same admin form (checked ones
// stay visible, so a refused choice can be seen and unchecked).
document.addEventListener("DOMContentLoaded", () => {
  const municipality = document.getElementById("id_municipality");
  const boxes = document.querySelectorAll("input[data-municipality]");
  if (!municipality || !boxes.length) return;
  const filter = () => {
    for (const box of boxes) {
      const item = box.closest("label")?.parentElement || box.parentElement;
      const mine = !municipality.value || box.dataset.municipality === municipality.value;
      // The admin's stylesheet gives labels a display that overrides the hidden attribute.
      item.style.display = mine || box.checked ? "" : "none";
    }
  };
  municipality.addEventListener("change", filter);
  filter();
});
