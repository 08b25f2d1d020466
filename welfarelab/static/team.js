// Choosing a team member fills in the organisation they represent (the server does the same without
// this script, and refuses any other organisation for them).
document.addEventListener("DOMContentLoaded", () => {
  const member = document.getElementById("id_member");
  const organisation = document.getElementById("id_organisation");
  if (!member || !organisation) return;
  member.addEventListener("change", () => {
    const represents = member.selectedOptions[0]?.dataset.organisation;
    if (represents) organisation.value = represents;
  });
});
