// Show only the committees of the municipality chosen in the same admin form.
document.addEventListener("DOMContentLoaded", () => {
  const municipality = document.getElementById("id_municipality");
  const boxes = document.querySelectorAll("input[data-municipality]");
  if (!municipality || !boxes.length) return;
  const filter = () => {
    for (const box of boxes) {
      const item = box.closest("li") || box.parentElement;
      const mine = !municipality.value || box.dataset.municipality === municipality.value;
      item.hidden = !mine && !box.checked;
    }
  };
  municipality.addEventListener("change", filter);
  filter();
});
